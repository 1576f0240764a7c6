/**
 * Pipeline step 13, done live: start a container from the new version beside the running one
 * (same env, labels and container port, another host port), wait until it answers HTTP, then stop
 * the old one. Removing the old container is left to the user, behind a confirmation.
 */
import type Docker from 'dockerode';
import { randomBytes } from 'node:crypto';
import type { ReplaceEvent } from '../contract';
import { dockerCommand } from '../engine/docker-command';
import { engineMessage } from '../engine/errors';

export interface ProbeResult {
  ok: boolean;
  status?: number;
  body?: string;
  error?: string;
}

/** One HTTP GET on 127.0.0.1:port; "answers" means any HTTP status below 500. */
export async function probeHttp(port: number, timeoutMs = 2000): Promise<ProbeResult> {
  try {
    const res = await fetch(`http://127.0.0.1:${port}/`, { signal: AbortSignal.timeout(timeoutMs) });
    const body = (await res.text()).slice(0, 500);
    return { ok: res.status < 500, status: res.status, body };
  } catch (err) {
    const cause = (err as { cause?: { code?: string } }).cause;
    return { ok: false, error: cause?.code ?? (err as Error).message };
  }
}

export function runReplace(
  docker: Docker,
  o: { oldContainer: string; image: string; containerPort: number },
  emit: (e: ReplaceEvent) => void,
): () => void {
  let closed = false;
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
  void (async () => {
    try {
      const old = await docker.getContainer(o.oldContainer).inspect();
      const oldName = old.Name.replace(/^\//, '');
      const portKey = `${o.containerPort}/tcp`;
      const oldBinding = old.HostConfig.PortBindings?.[portKey]?.[0];
      // Mirror the old binding's interface; with none, stay on loopback rather than open all interfaces.
      const hostIp = oldBinding ? (oldBinding.HostIp ?? '') : '127.0.0.1';
      const newName = `${oldName.replace(/-next-[0-9a-f]{6}$/, '')}-next-${randomBytes(3).toString('hex')}`;
      const command = dockerCommand('run', '-d', '--name', newName, '-p', `${hostIp ? `${hostIp}:` : ''}:${o.containerPort}`, o.image);
      emit({ type: 'step', step: 'start-new', message: `Starting ${newName} from ${o.image} beside ${oldName}`, command });
      const created = await docker.createContainer({
        name: newName,
        Image: o.image,
        Env: old.Config.Env ?? [],
        Labels: old.Config.Labels ?? {},
        ExposedPorts: { [portKey]: {} },
        HostConfig: {
          PortBindings: { [portKey]: [{ HostIp: hostIp, HostPort: '' }] },
          ...(old.HostConfig.NetworkMode && old.HostConfig.NetworkMode !== 'default' ? { NetworkMode: old.HostConfig.NetworkMode } : {}),
          ...(old.HostConfig.RestartPolicy ? { RestartPolicy: old.HostConfig.RestartPolicy } : {}),
        },
      });
      await created.start();
      const info = await created.inspect();
      const hostPort = Number(info.NetworkSettings.Ports?.[portKey]?.[0]?.HostPort ?? 0);
      emit({ type: 'new-container', id: info.Id, name: newName, hostPort });
      if (closed) return;
      emit({ type: 'step', step: 'probe', message: `Checking that ${newName} answers on http://127.0.0.1:${hostPort}/` });
      let answered = false;
      for (let attempt = 1; attempt <= 40 && !closed; attempt++) {
        const r = await probeHttp(hostPort);
        emit({ type: 'probe', attempt, ok: r.ok, ...(r.status ? { status: r.status } : {}) });
        if (r.ok) {
          answered = true;
          break;
        }
        await sleep(250);
      }
      if (closed) return;
      if (!answered) {
        emit({ type: 'failed', message: `${newName} did not answer HTTP within 10 s; ${oldName} keeps running. Look at the new container's logs.` });
        return;
      }
      emit({ type: 'step', step: 'stop-old', message: `Stopping ${oldName}`, command: dockerCommand('stop', oldName) });
      await docker.getContainer(old.Id).stop({ t: 10 }).catch((err: unknown) => {
        // Already stopped is fine: the goal is that it no longer serves.
        if ((err as { statusCode?: number }).statusCode !== 304) throw err;
      });
      emit({ type: 'step', step: 'done', message: `${newName} now serves the new version; ${oldName} is stopped (not removed).` });
      emit({ type: 'done', oldId: old.Id, newId: info.Id, newName, hostPort });
    } catch (err) {
      if (!closed) emit({ type: 'failed', message: engineMessage(err) });
    }
  })();
  return () => {
    closed = true;
  };
}

/** Starts a container from `image` with its port published on a free loopback port. */
export async function startVersion(
  docker: Docker,
  o: { image: string; containerPort: number; labels: Record<string, string> },
): Promise<{ id: string; name: string; hostPort: number; command: string }> {
  const base = o.image.replace(/^.*\//, '').replace(/[^a-zA-Z0-9_.-]/g, '-');
  const name = `${base}-${randomBytes(3).toString('hex')}`;
  const portKey = `${o.containerPort}/tcp`;
  const c = await docker.createContainer({
    name,
    Image: o.image,
    Labels: o.labels,
    ExposedPorts: { [portKey]: {} },
    HostConfig: { PortBindings: { [portKey]: [{ HostIp: '127.0.0.1', HostPort: '' }] } },
  });
  await c.start();
  const info = await c.inspect();
  const hostPort = Number(info.NetworkSettings.Ports?.[portKey]?.[0]?.HostPort ?? 0);
  const labelArgs = Object.entries(o.labels).flatMap(([k, v]) => ['--label', `${k}=${v}`]);
  return { id: info.Id, name, hostPort, command: dockerCommand('run', '-d', '--name', name, '-p', `127.0.0.1::${o.containerPort}`, ...labelArgs, o.image) };
}
