/**
 * What the engine switcher offers: the configured engine (DOCKER_HOST / DOCKER_CONTEXT / current
 * context, with its TLS material), the current one when the switcher moved away from it, every
 * docker context (like `docker context ls`), and the local engines whose socket exists (Docker
 * Desktop, Podman rootful and rootless, Colima, Rancher Desktop). Each is pinged with the client
 * it would really use, TLS included, so "answers" means what it says.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { EngineCandidate } from '../contract';
import { createDockerClient } from './docker-client';
import { listContexts, parseHostUrl, resolveEndpoint, type Endpoint, type EndpointEnv } from './endpoint';

export function knownSocketCandidates(
  platform: NodeJS.Platform = process.platform,
  home: string = os.homedir(),
  uid: number | undefined = process.getuid?.(),
): { url: string; label: string }[] {
  if (platform === 'win32') {
    return [
      { url: 'npipe:////./pipe/docker_engine', label: 'Docker Desktop' },
      { url: 'npipe:////./pipe/podman-machine-default', label: 'Podman machine' },
    ];
  }
  const runtimeDir = process.env.XDG_RUNTIME_DIR || (uid !== undefined ? `/run/user/${uid}` : undefined);
  const list = [
    { url: 'unix:///var/run/docker.sock', label: 'Docker (system socket)' },
    { url: `unix://${path.join(home, '.docker/run/docker.sock')}`, label: 'Docker Desktop' },
    { url: `unix://${path.join(home, '.docker/desktop/docker.sock')}`, label: 'Docker Desktop' },
    { url: 'unix:///run/podman/podman.sock', label: 'Podman (rootful)' },
    ...(runtimeDir ? [{ url: `unix://${path.join(runtimeDir, 'podman/podman.sock')}`, label: 'Podman (rootless)' }] : []),
    { url: `unix://${path.join(home, '.local/share/containers/podman/machine/podman.sock')}`, label: 'Podman machine' },
    { url: `unix://${path.join(home, '.colima/default/docker.sock')}`, label: 'Colima' },
    { url: `unix://${path.join(home, '.colima/docker.sock')}`, label: 'Colima' },
    { url: `unix://${path.join(home, '.rd/docker.sock')}`, label: 'Rancher Desktop' },
  ];
  return list;
}

/** Same engine and same TLS settings (a context and DOCKER_HOST may name one host differently secured). */
export function sameEndpoint(a: Endpoint | null | undefined, b: Endpoint | null | undefined): boolean {
  if (!a || !b) return false;
  return a.url === b.url && (a.context ?? '') === (b.context ?? '') && JSON.stringify(a.tls ?? null) === JSON.stringify(b.tls ?? null);
}

function configuredLabel(e: Endpoint): string {
  switch (e.source) {
    case 'DOCKER_HOST':
      return 'Configured: DOCKER_HOST';
    case 'DOCKER_CONTEXT':
      return `Configured: DOCKER_CONTEXT=${e.context ?? ''}`;
    case 'config-context':
      return `Configured: current context "${e.context ?? ''}"`;
    default:
      return 'Configured: default socket';
  }
}

export async function discoverEngines(current: Endpoint | null, env: EndpointEnv, timeoutMs = 1500): Promise<EngineCandidate[]> {
  const out: { candidate: Omit<EngineCandidate, 'reachable'>; endpoint?: Endpoint }[] = [];
  const tlsOf = (e: Endpoint): Pick<EngineCandidate, 'tls'> => (e.tls ? { tls: e.tls.verify ? 'verify' : 'skip-verify' } : {});

  let configured: Endpoint | null = null;
  try {
    configured = resolveEndpoint(env);
    out.push({
      endpoint: configured,
      candidate: { url: configured.url, label: configuredLabel(configured), kind: 'configured', current: false, target: { configured: true }, ...tlsOf(configured), ...(configured.context ? { context: configured.context } : {}) },
    });
  } catch (err) {
    out.push({ candidate: { url: '', label: 'Configured engine', kind: 'configured', current: false, target: { configured: true }, problem: (err as Error).message } });
  }
  if (current && !sameEndpoint(current, configured)) {
    out.push({
      endpoint: current,
      candidate: { url: current.url, label: 'In use now', kind: 'current', current: false, target: current.context ? { context: current.context } : { url: current.url }, ...tlsOf(current) },
    });
  }
  for (const ctx of listContexts(env)) {
    out.push({
      ...(ctx.endpoint ? { endpoint: ctx.endpoint } : {}),
      candidate: {
        url: ctx.endpoint?.url ?? '',
        label: `Context "${ctx.name}"`,
        kind: 'context',
        context: ctx.name,
        current: false,
        target: { context: ctx.name },
        ...(ctx.endpoint ? tlsOf(ctx.endpoint) : {}),
        ...(ctx.error ? { problem: ctx.error } : {}),
      },
    });
  }
  const urls = new Set(out.map((o) => o.candidate.url));
  for (const c of knownSocketCandidates()) {
    if (urls.has(c.url)) continue;
    const socket = c.url.startsWith('unix://') ? c.url.slice('unix://'.length) : null;
    if (socket && !fs.existsSync(socket)) continue;
    urls.add(c.url);
    out.push({
      endpoint: { ...parseHostUrl(c.url, 'engine', { env: {}, homedir: os.homedir() }), source: 'switcher' },
      candidate: { url: c.url, label: c.label, kind: 'socket', current: false, target: { url: c.url } },
    });
  }
  // Exactly one entry is "current": the first that names the same engine with the same TLS.
  const currentIdx = out.findIndex((o) => sameEndpoint(o.endpoint, current));
  return Promise.all(
    out.map(async ({ candidate, endpoint }, i) => {
      const probe = endpoint ? await answers(endpoint, timeoutMs) : { ok: false };
      return {
        ...candidate,
        current: i === currentIdx,
        reachable: probe.ok,
        ...(candidate.problem ? {} : probe.problem ? { problem: probe.problem } : {}),
      };
    }),
  );
}

async function answers(endpoint: Endpoint, timeoutMs: number): Promise<{ ok: boolean; problem?: string }> {
  let timer: NodeJS.Timeout | undefined;
  try {
    const docker = createDockerClient(endpoint);
    const abort = new AbortController();
    timer = setTimeout(() => abort.abort(), timeoutMs);
    await (docker.ping as (o: object) => Promise<unknown>).call(docker, { abortSignal: abort.signal });
    return { ok: true };
  } catch (err) {
    // A TLS file problem is worth showing as is; "does not answer" says the rest.
    return (err as { name?: string }).name === 'EndpointError' ? { ok: false, problem: (err as Error).message } : { ok: false };
  } finally {
    if (timer) clearTimeout(timer);
  }
}
