import { describe, expect, it } from 'vitest';
import { backendFromBody, labCaddyfile, labPage, policyOf } from '../../../main/networks/lab-caddyfile';

describe('lab Caddyfile and pages', () => {
  it('writes the course Caddyfile with :80 as the site address', () => {
    const text = labCaddyfile('x-app1', 'x-app2', 'round_robin');
    expect(text).toMatch(/^:80 \{$/m);
    expect(text).not.toMatch(/^localhost/m);
    expect(text).toContain('\treverse_proxy x-app1:80 x-app2:80 {\n\t\tlb_policy round_robin\n');
    expect(policyOf(text)).toBe('round_robin');
    expect(policyOf(labCaddyfile('a', 'b', 'least_conn'))).toBe('least_conn');
  });
  it('reads the backend from the page it served', () => {
    expect(backendFromBody(labPage('app2', 'lab-app2'))).toBe('app2');
    expect(backendFromBody(labPage('app1', 'lab-app1'))).toBe('app1');
    expect(backendFromBody('<h1>502 Bad Gateway</h1>')).toBeNull();
  });
});
