/**
 * known_hosts checks the way OpenSSH does them, as pure logic over the files' text: plain and
 * hashed (`|1|salt|hmac`) host fields, `*`/`?` wildcards, `!` negation, `[host]:port` for
 * non-standard ports, `@revoked` keys. No npm package parses this format, and it is small.
 */
import { createHash, createHmac, randomBytes } from 'node:crypto';

export interface HostKey {
  /** Key type as written in known_hosts, e.g. ssh-ed25519, ecdsa-sha2-nistp256, ssh-rsa. */
  type: string;
  /** The key blob (SSH wire format), as the server sent it. */
  blob: Buffer;
}

export interface KnownHostsFile {
  path: string;
  text: string;
}

export type HostKeyCheck =
  | { status: 'known'; file: string; line: number }
  | { status: 'unknown'; otherTypes: string[] }
  | { status: 'changed'; file: string; line: number; knownType: string }
  | { status: 'revoked'; file: string; line: number };

/** The name ssh looks up: `host` on port 22, `[host]:port` otherwise. */
export function knownHostsName(host: string, port: number): string {
  return port === 22 ? host : `[${host}]:${port}`;
}

/** The key type stored at the start of an SSH key blob. */
export function keyTypeOf(blob: Buffer): string {
  if (blob.length < 4) return 'unknown';
  const len = blob.readUInt32BE(0);
  return blob.subarray(4, 4 + len).toString('latin1');
}

/** `SHA256:...` as `ssh-keygen -l` and the ssh prompt print it. */
export function fingerprint(blob: Buffer): string {
  return `SHA256:${createHash('sha256').update(blob).digest('base64').replace(/=+$/, '')}`;
}

/** The short type ssh names in its prompt: ED25519, ECDSA, RSA. */
export function keyTypeLabel(type: string): string {
  if (type === 'ssh-ed25519') return 'ED25519';
  if (type.startsWith('ecdsa-')) return 'ECDSA';
  if (type === 'ssh-rsa') return 'RSA';
  if (type === 'ssh-dss') return 'DSA';
  return type.toUpperCase();
}

interface Entry {
  marker: '' | '@revoked' | '@cert-authority';
  hosts: string;
  type: string;
  blob: Buffer;
  file: string;
  line: number;
}

function parseEntries(f: KnownHostsFile): Entry[] {
  const out: Entry[] = [];
  f.text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const fields = line.split(/\s+/);
    let marker: Entry['marker'] = '';
    if (fields[0] === '@revoked' || fields[0] === '@cert-authority') marker = fields.shift() as Entry['marker'];
    const [hosts, type, b64] = fields;
    if (!hosts || !type || !b64) return;
    out.push({ marker, hosts, type, blob: Buffer.from(b64, 'base64'), file: f.path, line: i + 1 });
  });
  return out;
}

function globToRegExp(pattern: string): RegExp {
  const body = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${body}$`, 'i');
}

/** Does a known_hosts host field (comma list, or one hashed name) name `name`? */
export function hostFieldMatches(field: string, name: string): boolean {
  if (field.startsWith('|1|')) {
    const [, , salt, hash] = field.split('|');
    if (!salt || !hash) return false;
    const mac = createHmac('sha1', Buffer.from(salt, 'base64')).update(name).digest('base64');
    return mac === hash;
  }
  let matched = false;
  for (const p of field.split(',')) {
    const negated = p.startsWith('!');
    const re = globToRegExp(negated ? p.slice(1) : p);
    if (re.test(name)) {
      if (negated) return false;
      matched = true;
    }
  }
  return matched;
}

/** Checks the server's key against every file, in order, as ssh does. */
export function checkHostKey(files: KnownHostsFile[], name: string, key: HostKey): HostKeyCheck {
  const entries = files.flatMap(parseEntries).filter((e) => e.marker !== '@cert-authority' && hostFieldMatches(e.hosts, name));
  const revoked = entries.find((e) => e.marker === '@revoked' && e.blob.equals(key.blob));
  if (revoked) return { status: 'revoked', file: revoked.file, line: revoked.line };
  const plain = entries.filter((e) => e.marker === '');
  const same = plain.find((e) => e.type === key.type && e.blob.equals(key.blob));
  if (same) return { status: 'known', file: same.file, line: same.line };
  const sameType = plain.find((e) => e.type === key.type);
  if (sameType) return { status: 'changed', file: sameType.file, line: sameType.line, knownType: sameType.type };
  return { status: 'unknown', otherTypes: [...new Set(plain.map((e) => e.type))] };
}

/** Key types already known for this host: offered first in the handshake, as ssh does. */
export function knownKeyTypes(files: KnownHostsFile[], name: string): string[] {
  return [...new Set(files.flatMap(parseEntries).filter((e) => e.marker === '' && hostFieldMatches(e.hosts, name)).map((e) => e.type))];
}

/** The line ssh appends after the user says yes (hashed when HashKnownHosts is on). */
export function knownHostsLine(name: string, key: HostKey, hashed: boolean, salt: Buffer = randomBytes(20)): string {
  const host = hashed ? `|1|${salt.toString('base64')}|${createHmac('sha1', salt).update(name).digest('base64')}` : name;
  return `${host} ${key.type} ${key.blob.toString('base64')}`;
}
