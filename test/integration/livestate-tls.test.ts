/**
 * TLS engines and the switcher, against a private dockerd on tcp://127.0.0.1:<free port> with
 * certificates made by openssl: DOCKER_HOST + DOCKER_TLS_VERIFY + DOCKER_CERT_PATH, a context
 * with TLS, a context with skip-tls-verify (made with the real `docker context create`), missing
 * certificate files, and a switch to a unix socket while DOCKER_HOST names the TLS engine.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ContainerSummary } from '../../main/contract';
import { processEndpointEnv } from '../../main/engine/engine-manager';
import { createService, type Service } from '../../main/service/create-service';
import { cleanupRun, runContainer, testDocker, waitFor } from '../support/engine';
import { WEB_IMAGE } from '../support/fixtures';
import { testName } from '../support/labels';
import { hostHasDocker0, privateDockerdUnavailable, startPrivateDockerd, type PrivateDockerd } from '../support/private-dockerd';
import { makeTestCerts, type TestCerts } from '../support/tls-certs';

const run = promisify(execFile);
const unavailable = privateDockerdUnavailable();
if (unavailable) console.log(`livestate-tls: skipped, ${unavailable}`);
const docker0Before = hostHasDocker0();

let engine: PrivateDockerd;
let certs: TestCerts;
let tmp: string;
const services: Service[] = [];

beforeAll(async () => {
  if (unavailable) return;
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'dockside-it-tls-'));
  certs = makeTestCerts();
  engine = await startPrivateDockerd({ tls: { caPath: certs.ca, certPath: certs.serverCert, keyPath: certs.serverKey } });
});

afterAll(async () => {
  for (const s of services) s.close();
  await engine?.stop();
  certs?.remove();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  await cleanupRun();
  if (!unavailable) expect(hostHasDocker0()).toBe(docker0Before);
});

async function serviceWith(env: Record<string, string>): Promise<Service> {
  const s = await createService({ dataDir: tmp, endpointEnv: { ...processEndpointEnv(), env }, retryDelaysMs: [500], pingTimeoutMs: 5000 });
  services.push(s);
  return s;
}

/**
 * The real docker CLI, with its own config folder (contexts live there). Asynchronous: the TLS
 * port is relayed by this very process (see private-dockerd.ts), which must keep running.
 */
async function dockerCli(configDir: string, ...args: string[]): Promise<string> {
  const { stdout } = await run('docker', ['--config', configDir, ...args], { encoding: 'utf8', timeout: 30_000, env: { ...process.env, DOCKER_HOST: '', DOCKER_CONTEXT: '' } });
  return stdout;
}

describe.skipIf(unavailable)('TLS engines', () => {
  it('DOCKER_HOST with DOCKER_TLS_VERIFY and DOCKER_CERT_PATH connects and is listed with its TLS', async () => {
    const s = await serviceWith({ DOCKER_HOST: engine.tcpHost!, DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: certs.dir });
    expect(s.engine.getStatus()).toMatchObject({ state: 'connected', endpoint: { url: engine.tcpHost, source: 'DOCKER_HOST', tls: 'verify' } });
    const list = await s.call('containers:list', { all: true });
    expect(list.ok).toBe(true);
    const candidates = await s.call('engine:candidates', {});
    expect(candidates.ok && candidates.value.find((c) => c.kind === 'configured')).toMatchObject({ url: engine.tcpHost, tls: 'verify', reachable: true, current: true });
  });

  it('missing certificate files give a message naming the file and the variable, not a crash', async () => {
    const empty = fs.mkdtempSync(path.join(tmp, 'no-certs-'));
    const s = await serviceWith({ DOCKER_HOST: engine.tcpHost!, DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: empty });
    const status = s.engine.getStatus();
    expect(status.state).toBe('unreachable');
    expect(status.state === 'unreachable' && status.message).toContain(path.join(empty, 'ca.pem'));
    expect(status.state === 'unreachable' && status.message).toContain('DOCKER_CERT_PATH');
    // The service still answers.
    expect(await s.call('engine:status', {})).toMatchObject({ ok: true, value: { state: 'unreachable' } });
  });

  it('a context with TLS, and a skip-tls-verify context without the CA, both connect; without the skip it is refused', async () => {
    const cfg = fs.mkdtempSync(path.join(tmp, 'docker-config-'));
    await dockerCli(cfg, 'context', 'create', 'dockside-tls', '--docker', `host=${engine.tcpHost},ca=${certs.ca},cert=${certs.cert},key=${certs.key}`);
    await dockerCli(cfg, 'context', 'create', 'dockside-lax', '--docker', `host=${engine.tcpHost},cert=${certs.cert},key=${certs.key},skip-tls-verify=true`);
    await dockerCli(cfg, 'context', 'create', 'dockside-strict', '--docker', `host=${engine.tcpHost},cert=${certs.cert},key=${certs.key}`);
    // The CLI itself agrees with what we expect of the three.
    expect((await dockerCli(cfg, '--context', 'dockside-lax', 'version', '--format', '{{.Server.APIVersion}}')).trim()).toMatch(/^\d+\.\d+$/);

    const tls = await serviceWith({ DOCKER_CONFIG: cfg, DOCKER_CONTEXT: 'dockside-tls' });
    expect(tls.engine.getStatus()).toMatchObject({ state: 'connected', endpoint: { context: 'dockside-tls', tls: 'verify' } });
    const lax = await serviceWith({ DOCKER_CONFIG: cfg, DOCKER_CONTEXT: 'dockside-lax' });
    expect(lax.engine.getStatus()).toMatchObject({ state: 'connected', endpoint: { context: 'dockside-lax', tls: 'skip-verify' } });
    const strict = await serviceWith({ DOCKER_CONFIG: cfg, DOCKER_CONTEXT: 'dockside-strict' });
    expect(strict.engine.getStatus()).toMatchObject({ state: 'unreachable' });

    // The switcher lists every context like `docker context ls`, with its TLS settings.
    const candidates = await lax.call('engine:candidates', {});
    expect(candidates.ok).toBe(true);
    const contexts = candidates.ok ? candidates.value.filter((c) => c.kind === 'context') : [];
    expect(contexts.map((c) => c.context)).toEqual(['default', 'dockside-lax', 'dockside-strict', 'dockside-tls']);
    expect(contexts.find((c) => c.context === 'dockside-tls')).toMatchObject({ tls: 'verify', reachable: true });
    expect(contexts.find((c) => c.context === 'dockside-strict')).toMatchObject({ reachable: false });

    // Switching is live and reversible: to the TLS context, to a unix socket, and back.
    expect(await lax.call('engine:switch', { context: 'dockside-tls' })).toMatchObject({ ok: true, value: { state: 'connected', endpoint: { context: 'dockside-tls', tls: 'verify' } } });
    expect(await lax.call('engine:switch', { url: engine.host })).toMatchObject({ ok: true, value: { state: 'connected', endpoint: { url: engine.host } } });
    expect(await lax.call('engine:switch', { configured: true })).toMatchObject({ ok: true, value: { state: 'connected', endpoint: { context: 'dockside-lax' } } });
    expect(await lax.call('engine:switch', { context: 'no-such-context' })).toMatchObject({ ok: false, error: { field: 'context' } });
  });

  it('with DOCKER_HOST naming the TLS engine, switching to a unix socket really talks to that socket', async () => {
    // A container only the default engine has.
    const name = testName('tls-switch');
    await runContainer({ name, image: WEB_IMAGE });
    const saved = { DOCKER_HOST: process.env.DOCKER_HOST, DOCKER_TLS_VERIFY: process.env.DOCKER_TLS_VERIFY, DOCKER_CERT_PATH: process.env.DOCKER_CERT_PATH };
    // What docker-modem would read behind our back.
    Object.assign(process.env, { DOCKER_HOST: engine.tcpHost!, DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: certs.dir });
    try {
      const s = await serviceWith({ DOCKER_HOST: engine.tcpHost!, DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: certs.dir });
      const before = await s.call('containers:list', { all: true });
      expect(before.ok && before.value.some((c: ContainerSummary) => c.name === name)).toBe(false);
      const socket = (testDocker().modem as unknown as { socketPath: string }).socketPath;
      expect(await s.call('engine:switch', { url: `unix://${socket}` })).toMatchObject({ ok: true, value: { state: 'connected' } });
      const after = await waitFor(async () => {
        const r = await s.call('containers:list', { all: true });
        return r.ok && r.value.some((c: ContainerSummary) => c.name === name) ? r : null;
      }, 'the default engine’s container in the list after the switch');
      expect(after.ok).toBe(true);
    } finally {
      for (const [k, v] of Object.entries(saved)) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
    }
  });
});
