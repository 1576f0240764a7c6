/**
 * The practice registry on the real engine, on the locally built registry image (Debian's
 * docker-registry binary, see test/setup/prepare-practice.ts): start it on a free port, log in
 * with the shown practice user, push a version tag and latest, delete them locally, pull back,
 * stop it. DOCKER_CONFIG points at a temp folder so the developer's logins are never touched.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PracticeRegistryStatus, TransferEvent } from '../../main/contract';
import { LOCAL_REGISTRY_IMAGE } from '../../main/practice-registry/registry-image';
import { createService, type Service } from '../../main/service/create-service';
import { cleanupRun, testDocker, waitFor } from '../support/engine';
import { WEB_IMAGE } from '../support/fixtures';
import { testLabels, testName } from '../support/labels';
import { tempDockerConfig } from '../support/registry';

let service: Service;
let work: string;
let dockerConfig: string;
const savedDockerConfig = process.env.DOCKER_CONFIG;
const refs: string[] = [];

async function invoke<T>(name: string, args: unknown): Promise<T> {
  const r = await service.dispatcher.invoke(name, args);
  if (!r.ok) throw new Error(`${name} failed: ${r.error.message}`);
  return r.value as T;
}

async function transfer(name: 'registry:push' | 'registry:pull', args: unknown): Promise<TransferEvent[]> {
  const events: TransferEvent[] = [];
  let end: () => void = () => undefined;
  const ended = new Promise<void>((r) => (end = r));
  const r = await service.dispatcher.subscribe('test', name, args, (_id, e) => {
    events.push(e as TransferEvent);
    if ((e as TransferEvent).type === 'done' || (e as TransferEvent).type === 'failed') end();
  }, (_id, err) => {
    events.push({ type: 'failed', message: err.message } as TransferEvent);
    end();
  });
  if (!r.ok) throw new Error(r.error.message);
  await Promise.race([ended, new Promise((_, rej) => setTimeout(() => rej(new Error(`${name} did not end`)), 60_000))]);
  service.dispatcher.unsubscribe('test', r.value);
  return events;
}

beforeAll(async () => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'dockside-practice-'));
  dockerConfig = tempDockerConfig();
  process.env.DOCKER_CONFIG = dockerConfig;
  service = await createService({ dataDir: path.join(work, 'data') });
  await waitFor(() => service.engine.getStatus().state === 'connected', 'engine connected');
});

afterAll(async () => {
  const docker = testDocker();
  for (const r of refs) await docker.getImage(r).remove().catch(() => undefined);
  await service?.call('practice:stop', {}).catch(() => undefined);
  service?.close();
  await cleanupRun();
  if (savedDockerConfig === undefined) delete process.env.DOCKER_CONFIG;
  else process.env.DOCKER_CONFIG = savedDockerConfig;
  fs.rmSync(dockerConfig, { recursive: true, force: true });
  fs.rmSync(work, { recursive: true, force: true });
});

describe('practice registry', () => {
  it('starts on a free port, takes a login, a push of both tags, a delete and a pull back, and stops', async () => {
    const docker = testDocker();
    const before = await invoke<PracticeRegistryStatus>('practice:status', {});
    // Another run's practice registry would be found by its label; this test needs its own.
    expect(before.running, 'a practice registry is already running on this engine').toBe(false);
    expect(before.imagePlan).toBe('local');

    const started = await invoke<{ status: PracticeRegistryStatus; commands: string[]; imageSource: string }>('practice:start', { labels: testLabels() });
    expect(started.imageSource).toBe('present');
    const s = started.status;
    expect(s).toMatchObject({ running: true, username: 'learner', image: LOCAL_REGISTRY_IMAGE });
    expect(s.host).toBe(`localhost:${s.port}`);
    expect(s.password!.length).toBeGreaterThanOrEqual(8);
    expect(started.commands.join('\n')).toContain(`-p 127.0.0.1:${s.port}:5000`);
    const info = await docker.getContainer(s.id!).inspect();
    expect(info.Config.Labels['dev.dockside.practice-registry']).toBe('1');
    // Auth is on: /v2/ refuses anonymous clients.
    expect((await fetch(`http://127.0.0.1:${s.port}/v2/`)).status).toBe(401);

    const wrong = await service.dispatcher.invoke('registry:login', { registry: s.host, username: 'learner', password: 'not-it' });
    expect(wrong.ok).toBe(false);
    const login = await invoke<{ command: string }>('registry:login', { registry: s.host, username: s.username, password: s.password });
    expect(login.command).toContain(`docker login ${s.host}`);

    const repo = `${s.host}/${testName('hello').replace('dockside-test-', 'dockside-test/')}`;
    for (const tag of ['1.0.0', 'latest']) {
      await docker.getImage(WEB_IMAGE).tag({ repo, tag });
      refs.push(`${repo}:${tag}`);
    }
    const pushed = await transfer('registry:push', { repository: repo, tags: ['1.0.0', 'latest'] });
    expect(pushed.at(-1), JSON.stringify(pushed.slice(-3))).toMatchObject({ type: 'done' });
    const tags = await invoke<{ tags: string[] }>('registry:tags', { repository: repo });
    expect(tags.tags.sort()).toEqual(['1.0.0', 'latest']);

    for (const r of refs) await docker.getImage(r).remove();
    await expect(docker.getImage(`${repo}:1.0.0`).inspect()).rejects.toThrow();
    const pulled = await transfer('registry:pull', { reference: `${repo}:1.0.0` });
    expect(pulled.at(-1), JSON.stringify(pulled.slice(-3))).toMatchObject({ type: 'done' });
    expect((await docker.getImage(`${repo}:1.0.0`).inspect()).Id).toBe((await docker.getImage(WEB_IMAGE).inspect()).Id);

    const stopped = await invoke<{ removed: boolean; command: string }>('practice:stop', {});
    expect(stopped.removed).toBe(true);
    expect(stopped.command).toContain('docker rm -f');
    await expect(docker.getContainer(s.id!).inspect()).rejects.toThrow();
    expect((await invoke<PracticeRegistryStatus>('practice:status', {})).running).toBe(false);
  });
});
