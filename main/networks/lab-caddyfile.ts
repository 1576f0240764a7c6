/**
 * The load-balancer lab's Caddyfile and page content (pure, shared with the renderer).
 *
 * The course writes `localhost:80 { reverse_proxy app1:80 app2:80 { lb_policy round_robin } }`.
 * Inside a container the site address must be `:80`: with `localhost` Caddy would answer only
 * requests whose Host header is "localhost" (ours arrive as 127.0.0.1:PORT) and would try to get
 * a certificate for it.
 */
import type { LabPolicy } from '../contract';

export function labCaddyfile(app1: string, app2: string, policy: LabPolicy): string {
  return [
    '# Load balancer of the Dockside lab. Edit and press "Apply (caddy reload)".',
    '# The site address is :80 (not localhost:80, as on the host): inside a container',
    '# "localhost" would make Caddy answer only Host: localhost and try to get certificates.',
    ':80 {',
    `\treverse_proxy ${app1}:80 ${app2}:80 {`,
    `\t\tlb_policy ${policy}`,
    '\t\t# When a backend is down: give up dialing it after 1 s, keep trying the other one',
    '\t\t# for up to 3 s, and skip the dead one for 10 s (without these lines requests that',
    '\t\t# reach a stopped backend fail with 502 instead of moving to the other).',
    '\t\tlb_try_duration 3s',
    '\t\tfail_duration 10s',
    '\t\ttransport http {',
    '\t\t\tdial_timeout 1s',
    '\t\t}',
    '\t}',
    '}',
    '',
  ].join('\n');
}

/** The page each app server serves; the marker tells the lab which backend answered. */
export function labPage(role: 'app1' | 'app2', containerName: string): string {
  return `<!doctype html>\n<title>${role}</title>\n<h1 data-backend="${role}">Hello from ${role} (${containerName})</h1>\n`;
}

export function backendFromBody(body: string): 'app1' | 'app2' | null {
  const m = /data-backend="(app[12])"/.exec(body);
  return m ? (m[1] as 'app1' | 'app2') : null;
}

/** The lb_policy line of a Caddyfile, if any (to show which policy is in effect). */
export function policyOf(caddyfile: string): string | null {
  const m = /^\s*lb_policy\s+(\S+)/m.exec(caddyfile);
  return m ? m[1]! : null;
}
