/**
 * IPv4 CIDR checks shared by main and the renderer (no node: imports): the create-network form
 * says what is wrong with a subnet before the engine is asked.
 */

/** Parses dotted IPv4 into a 32-bit unsigned number, or null. */
export function parseIpv4(text: string): number | null {
  const parts = text.split('.');
  if (parts.length !== 4) return null;
  let n = 0;
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p)) return null;
    const v = Number(p);
    if (v > 255) return null;
    n = n * 256 + v;
  }
  return n;
}

/** Why a subnet is not a valid IPv4 CIDR, or null when it is (e.g. "10.10.0.0/24"). */
export function cidrProblem(text: string): string | null {
  const m = /^([^/]+)\/(\d{1,2})$/.exec(text.trim());
  if (!m) return `"${text}" is not in CIDR form (e.g. 10.10.0.0/24)`;
  const ip = parseIpv4(m[1]!);
  if (ip === null) return `"${m[1]}" is not an IPv4 address`;
  const bits = Number(m[2]);
  if (bits > 32) return `/${bits} is not a prefix length (0 to 32)`;
  if (bits > 30) return `/${bits} leaves no room for a gateway and containers (use /30 or shorter)`;
  const mask = bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
  if ((ip & ~mask) >>> 0 !== 0) {
    const base = (ip & mask) >>> 0;
    return `${m[1]} has host bits set for /${bits}; did you mean ${formatIpv4(base)}/${bits}?`;
  }
  return null;
}

/** True when an address lies inside a CIDR block. */
export function inCidr(address: string, cidr: string): boolean {
  const [base, bitsText] = cidr.split('/');
  const ip = parseIpv4(address);
  const b = parseIpv4(base ?? '');
  const bits = Number(bitsText);
  if (ip === null || b === null || !Number.isInteger(bits)) return false;
  const mask = bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
  return ((ip & mask) >>> 0) === ((b & mask) >>> 0);
}

export function formatIpv4(n: number): string {
  return [24, 16, 8, 0].map((s) => (n >>> s) & 255).join('.');
}
