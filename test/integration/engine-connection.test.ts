/**
 * Losing and finding the engine again, for real: the service talks to the engine through a unix
 * socket proxy that the test can cut and restore, so the real engine keeps running throughout.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { EngineStatus } from '../../main/contract';
import { processEndpointEnv } from '../../main/engine/engine-manager';
import { createService, type Service } from '../../main/service/create-service';
import { waitFor } from '../support/engine';
import { engineSocketPath, socketProxy } from '../support/socket-proxy';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'dockside-conn-'));
const services: Service[] = [];

afterAll(() => {
  for (const s of services) s.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

const realSocket = engineSocketPath;
const proxy = socketProxy;

function serviceFor(env: Record<string, string>): Promise<Service> {
  const base = processEndpointEnv();
  return createService({
    dataDir: tmp,
    endpointEnv: { ...base, env: { ...env } },
    retryDelaysMs: [200],
    pingTimeoutMs: 1500,
  }).then((s) => {
    services.push(s);
    return s;
  });
}

describe('engine connection', () => {
  it('shows disconnected when the engine goes away and reconnects by itself', async () => {
    const sock = path.join(tmp, 'proxy.sock');
    const p = proxy(sock);
    await p.open();
    const service = await serviceFor({ DOCKER_HOST: `unix://${sock}` });
    const states: EngineStatus[] = [];
    service.engine.onStatus((s) => states.push(s));
    expect(service.engine.getStatus()).toMatchObject({ state: 'connected', endpoint: { url: `unix://${sock}`, source: 'DOCKER_HOST' } });

    await p.cut();
    const down = await waitFor(() => states.find((s) => s.state === 'unreachable'), 'unreachable status');
    expect(down).toMatchObject({ state: 'unreachable', endpoint: { url: `unix://${sock}` } });
    // Calls fail as data, not as crashes.
    const r = await service.dispatcher.invoke('containers:list', { all: true });
    expect(r).toMatchObject({ ok: false, error: { code: 'not-connected' } });

    await p.open();
    await waitFor(() => service.engine.getStatus().state === 'connected', 'reconnection', 10_000);
    const list = await service.dispatcher.invoke('containers:list', { all: true });
    expect(list.ok).toBe(true);
    await p.cut();
  });

  it('a missing socket says so', async () => {
    const service = await serviceFor({ DOCKER_HOST: `unix://${path.join(tmp, 'nothing-here.sock')}` });
    expect(service.engine.getStatus()).toMatchObject({ state: 'unreachable', reason: 'no-socket', message: expect.stringContaining('No engine socket at') });
  });

  it('a socket without permission says how to get access', async () => {
    const sock = path.join(tmp, 'locked.sock');
    const server = net.createServer((c) => c.destroy());
    await new Promise<void>((r) => server.listen(sock, () => r()));
    fs.chmodSync(sock, 0o600);
    fs.chmodSync(tmp, 0o755);
    try {
      if (process.getuid?.() !== 0) {
        fs.chmodSync(sock, 0o000);
        const service = await serviceFor({ DOCKER_HOST: `unix://${sock}` });
        expect(service.engine.getStatus()).toMatchObject({ state: 'unreachable', reason: 'permission', hint: expect.stringContaining('docker group') });
        return;
      }
      // root ignores file modes (CAP_DAC_OVERRIDE): run the real EngineManager in a child without
      // any capability, as the user who owns this checkout, so the socket's mode 000 refuses it
      // exactly as it refuses a learner outside the docker group. Not as `nobody`: the child must
      // read this checkout (and tsx in node_modules), which may sit under a 0700 home.
      const owner = fs.statSync(path.resolve(__dirname, '../..'));
      fs.chmodSync(sock, 0o000);
      // tsx keeps a cache in $TMPDIR/tsx-<uid>: keep the child's inside this test's folder.
      const childTmp = path.join(tmp, 'child-tmp');
      fs.mkdirSync(childTmp);
      fs.chownSync(childTmp, owner.uid, owner.gid);
      const script = `
        import { EngineManager } from ${JSON.stringify(path.resolve(__dirname, '../../main/engine/engine-manager.ts'))};
        const m = new EngineManager({ retryDelaysMs: [60000], endpointEnv: { env: { DOCKER_HOST: 'unix://${sock}' }, platform: 'linux', homedir: '/nonexistent', readFile: () => undefined, exists: () => false } });
        const s = await m.start(); m.stop(); console.log(JSON.stringify(s));`;
      const dropPrivileges = [`--reuid=${owner.uid}`, `--regid=${owner.gid}`, '--clear-groups', '--inh-caps=-all', '--bounding-set=-all', '--'];
      const out = execFileSync('setpriv', [...dropPrivileges, process.execPath, '--import', 'tsx', '--input-type=module', '-e', script], {
        cwd: path.resolve(__dirname, '../..'),
        encoding: 'utf8',
        env: { ...process.env, HOME: childTmp, TMPDIR: childTmp },
      });
      const status = JSON.parse(out.trim().split('\n').at(-1)!) as EngineStatus;
      expect(status).toMatchObject({ state: 'unreachable', reason: 'permission', message: `Permission denied on ${sock}.` });
      expect(status.state === 'unreachable' && status.hint).toMatch(/usermod -aG docker/);
    } finally {
      server.close();
    }
  });

  it('a malformed DOCKER_HOST and a missing context each get their own message', async () => {
    const bad = await serviceFor({ DOCKER_HOST: 'localhost:2375' });
    expect(bad.engine.getStatus()).toMatchObject({ state: 'unreachable', reason: 'bad-config', message: expect.stringContaining('DOCKER_HOST "localhost:2375"') });
    const ctx = await serviceFor({ DOCKER_CONTEXT: 'no-such-context', DOCKER_CONFIG: tmp });
    expect(ctx.engine.getStatus()).toMatchObject({ state: 'unreachable', reason: 'bad-config', message: expect.stringContaining('"no-such-context"') });
  });

  it('the switcher moves to another endpoint and rejects a bad address by field', async () => {
    const service = await serviceFor({ DOCKER_HOST: `unix://${path.join(tmp, 'nothing.sock')}` });
    const bad = await service.dispatcher.invoke('engine:switch', { url: 'gopher://x' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid-argument', field: 'url' } });
    const good = await service.dispatcher.invoke('engine:switch', { url: `unix://${realSocket()}` });
    expect(good).toMatchObject({ ok: true, value: { state: 'connected', endpoint: { source: 'switcher' } } });
    const candidates = await service.call('engine:candidates', {});
    expect(candidates.ok && candidates.value.some((c) => c.url === `unix://${realSocket()}` && c.reachable)).toBe(true);
  });
});
