/**
 * ssh:// engines for real: Debian's sshd on a free loopback port (its own host key and config),
 * a temp HOME with a generated client key and known_hosts, and the suite's engine behind the
 * remote `docker`. Host keys are checked like the docker CLI (unknown: asks; changed: refused),
 * every view works over ONE ssh connection, and failures say which step failed.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EngineStatus, StatsBatch } from '../../main/contract';
import { processEndpointEnv } from '../../main/engine/engine-manager';
import { closeSshConnections } from '../../main/engine/ssh/ssh-docker-client';
import { createService, type Service } from '../../main/service/create-service';
import { runContainer, waitFor } from '../support/engine';
import { WEB_IMAGE } from '../support/fixtures';
import { testName } from '../support/labels';
import { engineSocketPath } from '../support/socket-proxy';
import { freePort, otherHostKey, SSHD, startSshd, type Sshd } from '../support/sshd';

const skip = !SSHD ? 'openssh-server is not installed (apt-get install openssh-server)' : process.getuid?.() !== 0 ? 'a private sshd needs root here' : null;
if (skip) console.log(`remote-ssh: skipped: ${skip}`);

let sshd: Sshd;
const services: Service[] = [];
const savedEnv = { HOME: process.env.HOME, SSH_AUTH_SOCK: process.env.SSH_AUTH_SOCK };
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dockside-ssh-data-'));

async function serviceFor(dockerHost: string): Promise<Service> {
  const s = await createService({
    dataDir,
    endpointEnv: { ...processEndpointEnv(), env: { DOCKER_HOST: dockerHost } },
    retryDelaysMs: [300],
    pingTimeoutMs: 15_000,
  });
  services.push(s);
  return s;
}

function closeAll(): void {
  for (const s of services.splice(0)) s.close();
  closeSshConnections();
}

function trustServer(): void {
  fs.writeFileSync(sshd.knownHosts, `[127.0.0.1]:${sshd.port} ${sshd.hostPublicKey}\n`);
}

describe.skipIf(skip)('ssh:// engine', () => {
  beforeAll(async () => {
    sshd = await startSshd({ engineHost: `unix://${engineSocketPath()}` });
    // The ssh side reads ~/.ssh from HOME (as os.homedir() does); no agent from the caller.
    process.env.HOME = sshd.home;
    delete process.env.SSH_AUTH_SOCK;
  });

  afterAll(async () => {
    closeAll();
    process.env.HOME = savedEnv.HOME;
    if (savedEnv.SSH_AUTH_SOCK !== undefined) process.env.SSH_AUTH_SOCK = savedEnv.SSH_AUTH_SOCK;
    await sshd?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('an unknown host key is refused with its fingerprint, and accepted once the user trusts it', async () => {
    fs.writeFileSync(sshd.knownHosts, '');
    // No user in the URL: like ssh, the current user (never an empty one).
    const service = await serviceFor(`ssh://127.0.0.1:${sshd.port}`);
    const status = service.engine.getStatus() as Extract<EngineStatus, { state: 'unreachable' }>;
    expect(status).toMatchObject({ state: 'unreachable', reason: 'host-key-unknown' });
    expect(status.message).toContain(`The authenticity of host '[127.0.0.1]:${sshd.port}' can't be established`);
    expect(status.message).toContain(sshd.hostFingerprint);
    expect(status.hostKey).toMatchObject({ host: `[127.0.0.1]:${sshd.port}`, fingerprint: sshd.hostFingerprint, keyType: 'ssh-ed25519' });
    expect(await service.call('containers:list', { all: true })).toMatchObject({ ok: false, error: { code: 'not-connected' } });
    // Nothing reached known_hosts before the user said yes.
    expect(fs.readFileSync(sshd.knownHosts, 'utf8')).toBe('');

    // A fingerprint the server did not offer is never written.
    const wrong = await service.call('ssh:trust-host-key', { host: `[127.0.0.1]:${sshd.port}`, fingerprint: `SHA256:${'A'.repeat(43)}` });
    expect(wrong).toMatchObject({ ok: false, error: { code: 'invalid-argument', field: 'fingerprint' } });

    const trusted = await service.call('ssh:trust-host-key', { host: `[127.0.0.1]:${sshd.port}`, fingerprint: sshd.hostFingerprint });
    expect(trusted).toMatchObject({ ok: true, value: { state: 'connected' } });
    // The entry is one OpenSSH itself finds (Debian hashes known_hosts: HashKnownHosts yes).
    const found = execFileSync('ssh-keygen', ['-F', `[127.0.0.1]:${sshd.port}`, '-f', sshd.knownHosts], { encoding: 'utf8' });
    expect(found).toContain('ssh-ed25519');
    const list = await service.call('containers:list', { all: true });
    expect(list.ok).toBe(true);
    closeAll();
  });

  it('a changed host key is refused with the CLI warning, and nothing is sent', async () => {
    fs.writeFileSync(sshd.knownHosts, `[127.0.0.1]:${sshd.port} ${otherHostKey(sshd.dir)}\n`);
    const logBefore = sshd.log().length;
    const service = await serviceFor(`ssh://root@127.0.0.1:${sshd.port}`);
    const status = service.engine.getStatus() as Extract<EngineStatus, { state: 'unreachable' }>;
    expect(status).toMatchObject({ state: 'unreachable', reason: 'host-key-changed' });
    expect(status.message).toContain('REMOTE HOST IDENTIFICATION HAS CHANGED');
    expect(status.message).toContain(sshd.hostFingerprint);
    expect(status.message).toContain(`Offending ED25519 key in ${sshd.knownHosts}:1`);
    expect(status.hint).toContain('ssh-keygen');
    expect(status.hostKey).toBeUndefined();
    // No login happened: the key check comes before authentication.
    expect(sshd.log().slice(logBefore)).not.toMatch(/Accepted publickey/);
    // And the changed key cannot be "trusted" through the prompt call.
    const r = await service.call('ssh:trust-host-key', { host: `[127.0.0.1]:${sshd.port}`, fingerprint: sshd.hostFingerprint });
    expect(r.ok).toBe(false);
    closeAll();
  });

  it('every view works over one ssh connection: many parallel calls and a stats stream', async () => {
    trustServer();
    const c = await runContainer({ name: testName('ssh-stats'), image: WEB_IMAGE });
    const before = sshd.connectionCount();
    const started = Date.now();
    const service = await serviceFor(`ssh://127.0.0.1:${sshd.port}`);
    const firstMs = Date.now() - started;
    expect(service.engine.getStatus()).toMatchObject({ state: 'connected', endpoint: { url: `ssh://127.0.0.1:${sshd.port}` } });

    const batches: StatsBatch[] = [];
    const sub = await service.dispatcher.subscribe('owner', 'stats:watch', { ids: [c.id] }, (_id, e) => batches.push(e as StatsBatch), () => undefined);
    expect(sub.ok).toBe(true);

    const calls = await Promise.all(
      Array.from({ length: 24 }, (_, i) =>
        [
          () => service.call('containers:list', { all: true }),
          () => service.call('images:list', {}),
          () => service.call('volumes:list', {}),
          () => service.call('networks:list', {}),
          () => service.call('containers:inspect', { id: c.id }),
          () => service.call('top:list', { id: c.id }),
        ][i % 6]!(),
      ),
    );
    for (const r of calls) expect(r).toMatchObject({ ok: true });
    const listed = calls[0] as { ok: true; value: { id: string }[] };
    expect(listed.value.map((x) => x.id)).toContain(c.id);
    await waitFor(() => batches.some((b) => b.samples.some((s) => s.id === c.id)), 'a stats sample over ssh', 15_000);

    // Latency: the first call pays TCP + handshake + login + the remote probe; later ones reuse
    // the connection (and idle channels).
    const times: number[] = [];
    for (let i = 0; i < 10; i++) {
      const t0 = performance.now();
      expect((await service.call('containers:list', { all: true })).ok).toBe(true);
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    console.log(`ssh latency: connect + first calls ${firstMs} ms; containers:list over the open connection: median ${times[5]!.toFixed(1)} ms, max ${times[9]!.toFixed(1)} ms`);

    expect(sshd.connectionCount() - before).toBe(1);
    expect(sshd.sessionPids()).toHaveLength(1);
    if (sub.ok) service.dispatcher.unsubscribe('owner', sub.value);
    closeAll();
    // Each sshd session runs the user's shell startup files (slow on a busy machine).
  }, 120_000);

  it('comes back on a new connection when the ssh connection drops', async () => {
    trustServer();
    const service = await serviceFor(`ssh://127.0.0.1:${sshd.port}`);
    expect(service.engine.getStatus().state).toBe('connected');
    const before = sshd.connectionCount();
    const pids = sshd.sessionPids();
    expect(pids).toHaveLength(1);
    process.kill(pids[0]!, 'SIGTERM');
    await waitFor(() => service.engine.getStatus().state !== 'connected', 'the drop to be noticed', 10_000);
    await waitFor(() => service.engine.getStatus().state === 'connected', 'reconnection over ssh', 15_000);
    expect((await service.call('containers:list', { all: true })).ok).toBe(true);
    expect(sshd.connectionCount() - before).toBe(1);
    closeAll();
  });

  it('errors say what failed: name lookup, refused port, refused login, no docker on the remote', async () => {
    trustServer();
    const dns = await serviceFor('ssh://docker-host.invalid');
    expect(dns.engine.getStatus()).toMatchObject({ state: 'unreachable', reason: 'dns', message: expect.stringContaining('"docker-host.invalid" could not be resolved') });

    const closedPort = await freePort();
    const refused = await serviceFor(`ssh://127.0.0.1:${closedPort}`);
    expect(refused.engine.getStatus()).toMatchObject({
      state: 'unreachable',
      reason: 'refused',
      message: expect.stringContaining(`127.0.0.1:${closedPort} (connection refused)`),
      hint: expect.stringContaining('ssh server'),
    });
    expect((refused.engine.getStatus() as { hint: string }).hint).not.toContain('systemctl start docker');

    fs.appendFileSync(sshd.knownHosts, `[localhost]:${sshd.port} ${sshd.hostPublicKey}\n`);
    const auth = await serviceFor(`ssh://nobody@localhost:${sshd.port}`);
    expect(auth.engine.getStatus()).toMatchObject({
      state: 'unreachable',
      reason: 'auth',
      message: expect.stringMatching(/refused every key for user "nobody" \(tried: .*id_ed25519/),
      hint: expect.stringContaining('authorized_keys'),
    });
    closeAll();

    const noDocker = await startSshd({ engineHost: `unix://${engineSocketPath()}`, path: '/nonexistent' });
    try {
      fs.appendFileSync(sshd.knownHosts, `[127.0.0.1]:${noDocker.port} ${noDocker.hostPublicKey}\n`);
      fs.copyFileSync(path.join(noDocker.dir, 'authorized_keys'), path.join(noDocker.dir, 'authorized_keys.bak'));
      fs.copyFileSync(path.join(sshd.home, '.ssh', 'id_ed25519.pub'), path.join(noDocker.dir, 'authorized_keys'));
      const missing = await serviceFor(`ssh://127.0.0.1:${noDocker.port}`);
      expect(missing.engine.getStatus()).toMatchObject({
        state: 'unreachable',
        reason: 'remote-docker-missing',
        message: expect.stringContaining('`docker` is not installed (or not on PATH) for root on 127.0.0.1'),
      });
      closeAll();
    } finally {
      await noDocker.stop();
    }
  });
});
