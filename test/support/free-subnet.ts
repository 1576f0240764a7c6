/**
 * A /24 that nothing uses right now, picked at run time: not any network's subnet on the engine
 * and not any route or address of the host. Two runs, another helper's tests or the user's own
 * networks never collide with a fixed one.
 */
import { execFileSync } from 'node:child_process';
import { randomInt } from 'node:crypto';
import Docker from 'dockerode';
import { parseIpv4 } from '../../main/networks/cidr';
import { testDocker } from './engine';

function range(cidr: string): [number, number] | null {
  const [ip, bits] = cidr.split('/');
  const base = parseIpv4(ip ?? '');
  const n = Number(bits ?? 32);
  if (base === null || !Number.isInteger(n) || n < 0 || n > 32) return null;
  const size = 2 ** (32 - n);
  const start = base - (base % size);
  return [start, start + size - 1];
}

async function usedRanges(docker: Docker): Promise<[number, number][]> {
  const cidrs: string[] = [];
  for (const n of await docker.listNetworks()) for (const c of n.IPAM?.Config ?? []) if (c.Subnet) cidrs.push(c.Subnet);
  try {
    const routes = execFileSync('ip', ['-4', '-o', 'route', 'show', 'table', 'all'], { encoding: 'utf8' });
    for (const line of routes.split('\n')) {
      const dest = line.split(' ').find((w, i) => (i === 0 || i === 1) && /^\d+\.\d+\.\d+\.\d+(\/\d+)?$/.test(w));
      if (dest) cidrs.push(dest.includes('/') ? dest : `${dest}/32`);
    }
  } catch {
    // No `ip` here: the engine's own list still guards against overlaps.
  }
  return cidrs.map(range).filter((r): r is [number, number] => r !== null);
}

/**
 * A free 10.x.y.z/prefix, /24 unless asked (e.g. /30 for a point-to-point link); the engine
 * rejects overlaps, so a collision would fail loudly anyway.
 */
export async function freeSubnet(docker: Docker = testDocker(), prefix = 24): Promise<string> {
  if (!Number.isInteger(prefix) || prefix < 24 || prefix > 30) throw new Error(`prefix /${prefix} is not between /24 and /30`);
  const used = await usedRanges(docker);
  const size = 2 ** (32 - prefix);
  for (let i = 0; i < 500; i++) {
    const cidr = `10.${randomInt(64, 250)}.${randomInt(0, 256)}.${randomInt(0, 256 / size) * size}/${prefix}`;
    const [a, b] = range(cidr)!;
    if (!used.some(([c, d]) => a <= d && c <= b)) return cidr;
  }
  throw new Error(`no free 10.x.y.z/${prefix} found`);
}
