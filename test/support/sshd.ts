/**
 * A private OpenSSH server for the ssh:// tests: Debian's sshd on a free loopback port with its
 * own generated host key, config and authorized_keys, whose sessions reach the suite's engine
 * (`SetEnv DOCKER_HOST=...`), plus a temporary HOME with a generated client key and
 * known_hosts. Everything lives in one temp folder, removed by stop(); sshd is our child.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../../main/engine/free-port';

export const SSHD = ['/usr/sbin/sshd', '/usr/bin/sshd'].find((p) => fs.existsSync(p));

export interface Sshd {
  port: number;
  dir: string;
  /** A HOME with .ssh/id_ed25519 (authorized on the server) and an empty known_hosts. */
  home: string;
  knownHosts: string;
  hostPublicKey: string;
  /** SHA256 fingerprint of the host key, as ssh-keygen -l prints it. */
  hostFingerprint: string;
  /** sshd's own log (LogLevel VERBOSE): one "Connection from" line per TCP connection. */
  log(): string;
  /** TCP connections sshd accepted so far. */
  connectionCount(): number;
  /** The per-connection sshd processes (children of the listener), to cut a connection. */
  sessionPids(): number[];
  stop(): Promise<void>;
}

export { freePort };

function keygen(file: string, comment: string): void {
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', comment, '-f', file]);
}

export function fingerprintOf(pubFile: string): string {
  return execFileSync('ssh-keygen', ['-l', '-E', 'sha256', '-f', pubFile], { encoding: 'utf8' }).split(/\s+/)[1]!;
}

export async function startSshd(opts: { engineHost: string; /** PATH for sessions (to take `docker` away). */ path?: string }): Promise<Sshd> {
  if (!SSHD) throw new Error('sshd not found: apt-get install openssh-server');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dockside-sshd-'));
  const home = path.join(dir, 'home');
  const sshDir = path.join(home, '.ssh');
  fs.mkdirSync(sshDir, { recursive: true, mode: 0o700 });
  keygen(path.join(dir, 'host_ed25519'), 'dockside-test-host');
  keygen(path.join(sshDir, 'id_ed25519'), 'dockside-test-client');
  fs.copyFileSync(path.join(sshDir, 'id_ed25519.pub'), path.join(dir, 'authorized_keys'));
  const knownHosts = path.join(sshDir, 'known_hosts');
  fs.writeFileSync(knownHosts, '');
  // sshd refuses to start without its privilege separation folder (systemd normally makes it).
  const madeRunDir = !fs.existsSync('/run/sshd');
  if (madeRunDir) fs.mkdirSync('/run/sshd', { recursive: true, mode: 0o755 });

  const port = await freePort();
  const config = path.join(dir, 'sshd_config');
  fs.writeFileSync(
    config,
    [
      `Port ${port}`,
      'ListenAddress 127.0.0.1',
      `HostKey ${path.join(dir, 'host_ed25519')}`,
      `PidFile ${path.join(dir, 'sshd.pid')}`,
      `AuthorizedKeysFile ${path.join(dir, 'authorized_keys')}`,
      'UsePAM no',
      'StrictModes no',
      'PasswordAuthentication no',
      'KbdInteractiveAuthentication no',
      'PubkeyAuthentication yes',
      'PermitRootLogin prohibit-password',
      'AllowStreamLocalForwarding yes',
      'LogLevel VERBOSE',
      `SetEnv DOCKER_HOST=${opts.engineHost}${opts.path ? ` PATH=${opts.path}` : ''}`,
      '',
    ].join('\n'),
  );
  const logFile = path.join(dir, 'sshd.log');
  const child: ChildProcess = spawn(SSHD, ['-D', '-f', config, '-E', logFile], { stdio: 'ignore' });
  const log = () => (fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8') : '');
  const deadline = Date.now() + 10_000;
  while (!/Server listening on/.test(log())) {
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`sshd did not start:\n${log()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    port,
    dir,
    home,
    knownHosts,
    hostPublicKey: fs.readFileSync(path.join(dir, 'host_ed25519.pub'), 'utf8').trim(),
    hostFingerprint: fingerprintOf(path.join(dir, 'host_ed25519.pub')),
    log,
    connectionCount: () => (log().match(/Connection from 127\.0\.0\.1 port \d+/g) ?? []).length,
    sessionPids: () => {
      try {
        return execFileSync('pgrep', ['-P', String(child.pid)], { encoding: 'utf8' }).split('\n').filter(Boolean).map(Number);
      } catch {
        return [];
      }
    },
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 3000))]);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
      fs.rmSync(dir, { recursive: true, force: true });
      if (madeRunDir) fs.rmSync('/run/sshd', { recursive: true, force: true });
    },
  };
}

/** A generated key unrelated to the server's: what a changed host key looks like. */
export function otherHostKey(dir: string): string {
  const f = path.join(dir, 'impostor_ed25519');
  keygen(f, 'impostor');
  return fs.readFileSync(`${f}.pub`, 'utf8').trim();
}
