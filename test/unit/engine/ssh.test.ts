import { execFileSync } from 'node:child_process';
import { createHash, generateKeyPairSync } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkHostKey, fingerprint, hostFieldMatches, keyTypeOf, knownHostsLine, knownHostsName } from '../../../main/engine/ssh/known-hosts';
import { resolveSshTarget, type SshEnv } from '../../../main/engine/ssh/ssh-target';

/** An ssh-ed25519 key blob (SSH wire format) from a fresh key pair. */
function ed25519Blob(): Buffer {
  const der = generateKeyPairSync('ed25519').publicKey.export({ format: 'der', type: 'spki' });
  const raw = der.subarray(der.length - 32);
  const str = (b: Buffer) => Buffer.concat([Buffer.from([0, 0, 0, b.length]), b]);
  return Buffer.concat([str(Buffer.from('ssh-ed25519')), str(raw)]);
}

describe('known_hosts', () => {
  const key = { type: 'ssh-ed25519', blob: ed25519Blob() };
  const other = { type: 'ssh-ed25519', blob: ed25519Blob() };
  const file = (text: string) => [{ path: '/home/me/.ssh/known_hosts', text }];

  it('names non-standard ports like ssh does', () => {
    expect(knownHostsName('example.com', 22)).toBe('example.com');
    expect(knownHostsName('127.0.0.1', 2222)).toBe('[127.0.0.1]:2222');
  });

  it('reads the key type from the blob and prints the SHA256 fingerprint as ssh-keygen does', () => {
    expect(keyTypeOf(key.blob)).toBe('ssh-ed25519');
    expect(fingerprint(key.blob)).toBe(`SHA256:${createHash('sha256').update(key.blob).digest('base64').replace(/=+$/, '')}`);
  });

  it('matches plain, wildcard, negated and hashed host fields', () => {
    expect(hostFieldMatches('a.example,b.example', 'b.example')).toBe(true);
    expect(hostFieldMatches('*.example', 'a.example')).toBe(true);
    expect(hostFieldMatches('*.example,!bad.example', 'bad.example')).toBe(false);
    const hashed = knownHostsLine('[10.0.0.2]:2222', key, true).split(' ')[0]!;
    expect(hashed.startsWith('|1|')).toBe(true);
    expect(hostFieldMatches(hashed, '[10.0.0.2]:2222')).toBe(true);
    expect(hostFieldMatches(hashed, '10.0.0.2')).toBe(false);
  });

  it('writes hashed lines that OpenSSH itself finds', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dockside-kh-'));
    try {
      fs.writeFileSync(`${dir}/kh`, `${knownHostsLine('[127.0.0.1]:2200', key, true)}\n`);
      const out = execFileSync('ssh-keygen', ['-F', '[127.0.0.1]:2200', '-f', `${dir}/kh`], { encoding: 'utf8' });
      expect(out).toContain('ssh-ed25519');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('says known, unknown, changed or revoked', () => {
    const line = knownHostsLine('h', key, false);
    expect(checkHostKey(file(`# comment\n${line}\n`), 'h', key)).toMatchObject({ status: 'known', line: 2 });
    expect(checkHostKey(file(line), 'other-host', key)).toMatchObject({ status: 'unknown', otherTypes: [] });
    expect(checkHostKey(file(line), 'h', other)).toMatchObject({ status: 'changed', line: 1, file: '/home/me/.ssh/known_hosts' });
    expect(checkHostKey(file(`@revoked ${line}`), 'h', key)).toMatchObject({ status: 'revoked' });
    // Only a key of another type known: not a changed key, an unknown one (ssh asks).
    const rsaLine = `h ssh-rsa ${Buffer.from('not-a-real-key').toString('base64')}`;
    expect(checkHostKey(file(rsaLine), 'h', key)).toMatchObject({ status: 'unknown', otherTypes: ['ssh-rsa'] });
  });
});

describe('ssh target', () => {
  const env = (config?: string, extra: Record<string, string> = {}): SshEnv => ({
    home: '/home/me',
    env: { SSH_AUTH_SOCK: '/run/agent.sock', ...extra },
    localUser: 'me',
    readFile: (f) => (f === '/home/me/.ssh/config' ? config : undefined),
  });

  it('uses the local user, port 22, the default keys and the agent when nothing says otherwise', () => {
    const t = resolveSshTarget('ssh://build-box', env());
    expect(t).toMatchObject({ hostname: 'build-box', port: 22, user: 'me', agent: '/run/agent.sock', hostKeyName: 'build-box' });
    expect(t.identityFiles).toEqual(['/home/me/.ssh/id_ed25519', '/home/me/.ssh/id_ecdsa', '/home/me/.ssh/id_rsa']);
    expect(t.userKnownHostsFiles[0]).toBe('/home/me/.ssh/known_hosts');
  });

  it('takes HostName, User, Port and IdentityFile from ~/.ssh/config; the URL wins', () => {
    const cfg = 'Host box\n  HostName 10.1.2.3\n  User deploy\n  Port 2200\n  IdentityFile ~/.ssh/box_key\n  IdentitiesOnly yes\n';
    const t = resolveSshTarget('ssh://box', env(cfg));
    expect(t).toMatchObject({ hostname: '10.1.2.3', user: 'deploy', port: 2200, agent: null, hostKeyName: '[10.1.2.3]:2200' });
    expect(t.identityFiles).toEqual(['/home/me/.ssh/box_key']);
    expect(resolveSshTarget('ssh://alice@box:2022', env(cfg))).toMatchObject({ user: 'alice', port: 2022 });
  });

  it('never uses an empty user', () => {
    expect(resolveSshTarget('ssh://host', { ...env(), localUser: 'root' }).user).toBe('root');
  });
});
