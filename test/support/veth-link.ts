/**
 * A point-to-point link between the host and a private dockerd's network namespace (see
 * private-dockerd.ts: it runs in a namespace of its own, with only loopback, so that starting it
 * cannot delete the host's docker0). The cluster worker test needs the two engines to reach each
 * other: the worker dials the manager's 2377, the manager the worker's 7946, and the test asks the
 * worker's host-mode ports. A veth pair gives both directions with no routing, NAT or iptables
 * rule on the host: a free 10.x.y.z/30 picked at run time, .1 on the host end, .2 in the namespace.
 * Deleting either end deletes the pair, and the namespace end also goes with the namespace.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { parseIpv4 } from '../../main/networks/cidr';
import { freeSubnet } from './free-subnet';

export interface VethLink {
  /** The host end's interface name (dsk<hex>h; the namespace end is dsk<hex>n). */
  hostIf: string;
  nsIf: string;
  /** The /30 both ends sit in. */
  subnet: string;
  hostIp: string;
  nsIp: string;
  /** Deletes the pair (idempotent). */
  remove(): void;
}

/** Why a veth link cannot be made here, or null when it can. */
export function vethLinkUnavailable(): string | null {
  if (process.platform !== 'linux') return 'a veth link needs Linux';
  if (process.getuid?.() !== 0) return 'a veth link needs root';
  for (const tool of ['ip', 'nsenter', 'unshare']) {
    if (spawnSync('sh', ['-c', `command -v ${tool}`], { stdio: 'ignore' }).status !== 0) return `\`${tool}\` is not installed`;
  }
  return null;
}

/** Names of the host's network interfaces (`ip link`), for before/after checks. */
export function hostLinks(): string[] {
  const out = execFileSync('ip', ['-o', 'link', 'show'], { encoding: 'utf8' });
  return out
    .split('\n')
    .map((l) => /^\d+:\s+([^:@\s]+)/.exec(l)?.[1])
    .filter((n): n is string => Boolean(n))
    .sort();
}

function ip(args: string[], netnsPid?: number): void {
  const [cmd, full] = netnsPid ? ['nsenter', [`--net=/proc/${netnsPid}/ns/net`, 'ip', ...args]] : ['ip', args];
  const r = spawnSync(cmd, full, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${cmd} ${full.join(' ')} failed: ${(r.stderr || r.error?.message || '').trim()}`);
}

function nth(cidr: string, k: number): string {
  const base = parseIpv4(cidr.split('/')[0]!)! + k;
  return [24, 16, 8, 0].map((s) => (base >>> s) & 255).join('.');
}

/** Links the host to the network namespace of process `pid` (a private dockerd). */
export async function linkToNamespace(pid: number): Promise<VethLink> {
  const why = vethLinkUnavailable();
  if (why) throw new Error(why);
  const subnet = await freeSubnet(undefined, 30);
  const id = randomBytes(4).toString('hex');
  const hostIf = `dsk${id}h`;
  const nsIf = `dsk${id}n`;
  const hostIp = nth(subnet, 1);
  const nsIp = nth(subnet, 2);
  const remove = () => {
    // Deleting the host end deletes its peer too; gone already is fine.
    spawnSync('ip', ['link', 'del', hostIf], { stdio: 'ignore' });
  };
  try {
    ip(['link', 'add', hostIf, 'type', 'veth', 'peer', 'name', nsIf, 'netns', String(pid)]);
    ip(['addr', 'add', `${hostIp}/30`, 'dev', hostIf]);
    ip(['link', 'set', hostIf, 'up']);
    ip(['addr', 'add', `${nsIp}/30`, 'dev', nsIf], pid);
    ip(['link', 'set', nsIf, 'up'], pid);
  } catch (err) {
    remove();
    throw err;
  }
  return { hostIf, nsIf, subnet, hostIp, nsIp, remove };
}
