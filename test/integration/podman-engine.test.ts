/**
 * What Dockside says about Podman itself, against the real Podman of the Podman stage
 * (`npm run test:podman`; vitest.config.ts leaves this file out of the Docker run): the engine
 * status names it, and Limits says "not supported by this engine" where Podman 4.3 has no
 * container update endpoint, leaving the container as it was; a build shows Buildah's
 * `STEP n/m:` lines as step progress.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BuildEvent, EngineStatus } from '../../main/contract';
import { createService, type Service } from '../../main/service/create-service';
import { cleanupRun, runContainer, testDocker, waitFor } from '../support/engine';
import { WEB_IMAGE } from '../support/fixtures';
import { testLabels, testName } from '../support/labels';
import { tempDataDir } from '../support/temp-dir';

const dataDir = tempDataDir('it-podman');
let service: Service;

beforeAll(async () => {
  service = await createService({ dataDir: dataDir.dir });
});

afterAll(async () => {
  service.close();
  dataDir.remove();
  await cleanupRun();
});

describe('Podman as the engine', () => {
  it('the engine status names Podman and its version', async () => {
    const r = await service.dispatcher.invoke('engine:status', {});
    if (!r.ok) throw new Error(r.error.message);
    const status = r.value as EngineStatus;
    expect(status.state).toBe('connected');
    if (status.state !== 'connected') return;
    expect(status.info.name).toBe('Podman');
    expect(status.info.version).toMatch(/^\d+\.\d+/);
  });

  it('Limits says "not supported by this engine" (no update endpoint) and the container keeps its limits', async () => {
    const c = await runContainer({ name: testName('limits'), image: WEB_IMAGE, cmd: ['sh', '-c', 'sleep 300'], memory: 128 * 1024 * 1024 });
    const r = await service.dispatcher.invoke('limits:update', { id: c.id, memory: '64m' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.message).toMatch(/not supported by this engine/);
    // It names what fails and what works instead.
    expect(r.error.message).toContain('docker update --memory 64m');
    expect(r.error.message).toMatch(/Recreate the container with --memory/);
    const info = await c.inspect();
    expect(info.HostConfig.Memory).toBe(128 * 1024 * 1024);
    const limits = await service.dispatcher.invoke('limits:get', { id: c.id });
    expect(limits).toMatchObject({ ok: true, value: { memory: 128 * 1024 * 1024, running: true } });
  });

  it("a build reports Buildah's STEP n/m lines as step progress and ends with the image", async () => {
    const dir = path.join(dataDir.dir, 'build-ctx');
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'Dockerfile'), `FROM ${WEB_IMAGE}\nRUN echo built > /var/www/built.txt\nCMD ["cat", "/var/www/built.txt"]\n`);
    const tag = `${testName('build')}:1`;
    const events: BuildEvent[] = [];
    const r = await service.dispatcher.subscribe('it-podman', 'build:run', { contextPath: dir, tags: [tag], labels: testLabels() }, (_id, e) => events.push(e as BuildEvent), (_id, err) => events.push({ type: 'failed', message: err.message, step: null }));
    if (!r.ok) throw new Error(r.error.message);
    const end = await waitFor(() => events.find((e) => e.type === 'done' || e.type === 'failed'), 'the build to end', 60_000);
    expect(end, JSON.stringify(events.slice(-5))).toMatchObject({ type: 'done' });
    const steps = events.filter((e): e is Extract<BuildEvent, { type: 'step' }> => e.type === 'step');
    // 3 Dockerfile steps plus the LABEL step Buildah adds for --label, like Docker's classic builder.
    expect(steps.map((s) => `${s.step}/${s.total}`)).toEqual(['1/4', '2/4', '3/4', '4/4']);
    expect(steps[1]!.instruction).toMatch(/^RUN echo built/);
    expect((await testDocker().getImage(tag).inspect()).Config.Labels).toMatchObject(testLabels());
  });
});
