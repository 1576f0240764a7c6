/** The app:// protocol handler: only the built renderer's files, always with the CSP. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appContentSecurityPolicy, resolveAppPath, serveAppRequest } from '../../../main/electron/app-protocol';

let root: string;
let outside: string;

beforeAll(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'dockside-app-protocol-'));
  fs.mkdirSync(path.join(root, 'renderer', 'assets'), { recursive: true });
  fs.writeFileSync(path.join(root, 'renderer', 'index.html'), '<!doctype html><title>Dockside</title>');
  fs.writeFileSync(path.join(root, 'renderer', 'assets', 'app.js'), 'console.log(1)');
  outside = path.join(root, 'secret.txt');
  fs.writeFileSync(outside, 'not for the renderer');
});
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

describe('app:// protocol', () => {
  it('serves index.html for / and assets by path, with type and CSP', async () => {
    const dir = path.join(root, 'renderer');
    const index = await serveAppRequest(new Request('app://dockside/'), dir);
    expect(index.status).toBe(200);
    expect(index.headers.get('content-type')).toContain('text/html');
    expect(await index.text()).toContain('<title>Dockside</title>');
    const js = await serveAppRequest(new Request('app://dockside/assets/app.js'), dir);
    expect(js.headers.get('content-type')).toContain('text/javascript');
    expect(js.headers.get('content-security-policy')).toBe(appContentSecurityPolicy());
    expect(js.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('answers 404 outside the renderer folder, for other hosts and for missing files', async () => {
    const dir = path.join(root, 'renderer');
    for (const url of ['app://dockside/../secret.txt', 'app://dockside/%2e%2e/secret.txt', 'app://dockside/assets/..%2f..%2fsecret.txt', 'app://dockside/%2e%2e%5csecret.txt', 'app://evil/index.html', 'app://dockside/missing.js', 'app://dockside/%E0']) {
      const r = await serveAppRequest(new Request(url), dir);
      expect(r.status, url).toBe(404);
    }
    expect(resolveAppPath('file:///etc/passwd', dir)).toBeNull();
    expect((await serveAppRequest(new Request('app://dockside/index.html', { method: 'POST', body: 'x' }), dir)).status).toBe(405);
  });

  it('the CSP allows no inline or remote script and no network connections', () => {
    const csp = appContentSecurityPolicy();
    const directive = (name: string) => csp.split('; ').find((d) => d.startsWith(`${name} `));
    expect(directive('script-src')).toBe("script-src 'self'");
    expect(directive('connect-src')).toBe("connect-src 'none'");
    expect(directive('object-src')).toBe("object-src 'none'");
    expect(csp).not.toContain('unsafe-eval');
  });
});
