/**
 * Other local engines the learner may have besides the configured one, offered in the engine
 * switcher: Docker Desktop, Podman (rootful and rootless), Colima, Rancher Desktop. A socket is
 * offered only when it exists; it is marked reachable when it answers a ping.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { EngineCandidate } from '../contract';
import { createDockerClient } from './docker-client';
import { parseHostUrl } from './endpoint';

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

export async function discoverEngines(currentUrl: string | null, timeoutMs = 1000): Promise<EngineCandidate[]> {
  const byUrl = new Map<string, { url: string; label: string }>();
  if (currentUrl) byUrl.set(currentUrl, { url: currentUrl, label: 'Configured engine' });
  for (const c of knownSocketCandidates()) {
    if (byUrl.has(c.url)) continue;
    const socket = c.url.startsWith('unix://') ? c.url.slice('unix://'.length) : null;
    if (socket && !fs.existsSync(socket)) continue;
    byUrl.set(c.url, c);
  }
  return Promise.all(
    [...byUrl.values()].map(async (c) => ({
      url: c.url,
      label: c.label,
      current: c.url === currentUrl,
      reachable: await answers(c.url, timeoutMs),
    })),
  );
}

async function answers(url: string, timeoutMs: number): Promise<boolean> {
  try {
    const docker = createDockerClient({ ...parseHostUrl(url, 'engine', { env: {}, homedir: os.homedir() }), source: 'switcher' });
    const ping = docker.ping();
    const timeout = new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timeout')), timeoutMs).unref());
    await Promise.race([ping, timeout]);
    return true;
  } catch {
    return false;
  }
}
