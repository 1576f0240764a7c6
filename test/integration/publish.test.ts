/**
 * Build, tags, registry and the replace flow against the real engine and a real local registry
 * (docker-registry with htpasswd auth on 127.0.0.1). DOCKER_CONFIG points at a temp folder.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'shell-quote';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BuildEvent, ReplaceEvent, TransferEvent } from '../../main/contract';
import { createService, type Service } from '../../main/service/create-service';
import { cleanupRun, hostPortOf, runContainer, testDocker, waitFor } from '../support/engine';
import { WEB_IMAGE } from '../support/fixtures';
import { RUN_ID, TEST_LABEL, testLabels, testName } from '../support/labels';
import { freePort, startRegistry, stopRegistry, tempDockerConfig, type TestRegistry } from '../support/registry';

let service: Service;
let registry: TestRegistry;
let dockerConfig: string;
let work: string;
const savedDockerConfig = process.env.DOCKER_CONFIG;

async function invoke<T>(name: string, args: unknown): Promise<T> {
  const r = await service.dispatcher.invoke(name, args);
  if (!r.ok) throw new Error(`${name} failed: ${r.error.message}`);
  return r.value as T;
}

/** Opens a subscription and collects its events until `isEnd` says it is over. */
async function collect<E>(name: string, args: unknown, isEnd: (e: E) => boolean, timeoutMs = 60_000): Promise<{ events: E[]; subId: string }> {
  const events: E[] = [];
  let end: (() => void) | null = null;
  const ended = new Promise<void>((r) => (end = r));
  const r = await service.dispatcher.subscribe('test', name, args, (_id, e) => {
    events.push(e as E);
    if (isEnd(e as E)) end?.();
  }, (_id, err) => {
    events.push({ type: 'failed', message: err.message } as E);
    end?.();
  });
  if (!r.ok) throw new Error(`${name} refused: ${r.error.message}`);
  await Promise.race([ended, new Promise((_, rej) => setTimeout(() => rej(new Error(`${name} did not end in ${timeoutMs} ms: ${JSON.stringify(events.slice(-3))}`)), timeoutMs))]);
  service.dispatcher.unsubscribe('test', r.value);
  return { events, subId: r.value };
}

const buildEnd = (e: BuildEvent) => e.type === 'done' || e.type === 'failed';
const transferEnd = (e: TransferEvent) => e.type === 'done' || e.type === 'failed';

function context(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(work, 'ctx-'));
  for (const [name, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), content);
  }
  return dir;
}

beforeAll(async () => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'dockside-publish-'));
  dockerConfig = tempDockerConfig();
  process.env.DOCKER_CONFIG = dockerConfig;
  registry = await startRegistry();
  service = await createService({ dataDir: path.join(work, 'data') });
  await waitFor(() => service.engine.getStatus().state === 'connected', 'engine connected');
});

afterAll(async () => {
  service?.close();
  await cleanupRun();
  await stopRegistry(registry);
  if (savedDockerConfig === undefined) delete process.env.DOCKER_CONFIG;
  else process.env.DOCKER_CONFIG = savedDockerConfig;
  fs.rmSync(dockerConfig, { recursive: true, force: true });
  fs.rmSync(work, { recursive: true, force: true });
});

describe('publish', () => {
  const repo = () => `${registry.host}/${'dockside-test/'}${testName('app').replace('dockside-test-', '')}`;

  it('builds from a local FROM image with two tags, honouring .dockerignore, and shows history', async () => {
    const dir = context({
      Dockerfile: `FROM ${WEB_IMAGE}\nARG GREETING=hello\nCOPY . /var/www/\nRUN echo "$GREETING" > /var/www/greeting.txt\n`,
      '.dockerignore': 'secret.txt\n',
      'index.html': '<h1>v1</h1>\n',
      'secret.txt': 'do not send\n',
    });
    const report = await invoke<{ fileCount: number; ignoredCount: number; hasDockerignore: boolean; sizeBytes: number }>('build:check-context', { contextPath: dir });
    expect(report).toMatchObject({ fileCount: 3, ignoredCount: 1, hasDockerignore: true });
    const name = testName('build');
    const { events } = await collect<BuildEvent>(
      'build:run',
      { contextPath: dir, tags: [`${name}:1.0.0`, `${name}:latest`], buildArgs: { GREETING: 'bonjour' }, labels: testLabels() },
      buildEnd,
    );
    const done = events.find((e) => e.type === 'done');
    expect(done, JSON.stringify(events.filter((e) => e.type === 'failed'))).toBeTruthy();
    // 4 Dockerfile steps plus the LABEL step the classic builder adds for --label.
    expect(events.filter((e) => e.type === 'step').length).toBe(5);
    const ctxEvent = events.find((e): e is Extract<BuildEvent, { type: 'context' }> => e.type === 'context');
    expect(parse(ctxEvent!.command).slice(0, 8)).toEqual(['docker', 'build', '-t', `${name}:1.0.0`, '-t', `${name}:latest`, '--build-arg', 'GREETING=bonjour']);
    const info = await testDocker().getImage(`${name}:1.0.0`).inspect();
    expect(info.RepoTags.sort()).toEqual([`${name}:1.0.0`, `${name}:latest`]);
    // The ignored file never reached the image; the build arg did.
    const c = await runContainer({ name: testName('check'), image: `${name}:1.0.0`, cmd: ['sh', '-c', 'ls /var/www; cat /var/www/greeting.txt'], start: true });
    await c.wait();
    const out = (await c.logs({ stdout: true, stderr: true })).toString('utf8');
    expect(out).toContain('index.html');
    expect(out).toContain('bonjour');
    expect(out).not.toContain('secret.txt');
    const history = await invoke<{ createdBy: string }[]>('build:history', { image: `${name}:1.0.0` });
    expect(history.some((h) => h.createdBy.includes('GREETING'))).toBe(true);
  });

  it('builds only up to --target in a multi-stage Dockerfile', async () => {
    const dir = context({ Dockerfile: `FROM ${WEB_IMAGE} AS base\nRUN echo base > /var/www/stage\nFROM base AS final\nRUN echo final > /var/www/stage\n` });
    const name = testName('target');
    const { events } = await collect<BuildEvent>('build:run', { contextPath: dir, tags: [`${name}:base`], target: 'base', labels: testLabels() }, buildEnd);
    expect(events.find((e) => e.type === 'done'), JSON.stringify(events.filter((e) => e.type === 'failed'))).toBeTruthy();
    const c = await runContainer({ name: testName('target-check'), image: `${name}:base`, cmd: ['cat', '/var/www/stage'] });
    await c.wait();
    expect((await c.logs({ stdout: true })).toString('utf8')).toContain('base');
    expect((await c.logs({ stdout: true })).toString('utf8')).not.toContain('final');
  });

  it('reports the failing step of a broken Dockerfile in the builder own words', async () => {
    // The classic builder adds build labels (--label) as a last step, which a failed build never
    // reaches: the image committed for `RUN echo ok` would be left dangling and unlabelled. A LABEL
    // right after FROM is inherited by every step's image, so cleanup by label removes it.
    const dir = context({ Dockerfile: `FROM ${WEB_IMAGE}\nLABEL ${TEST_LABEL}=${RUN_ID}\nRUN echo ok\nRUN exit 3\nRUN echo never\n` });
    const { events } = await collect<BuildEvent>('build:run', { contextPath: dir, tags: [`${testName('broken')}:1`], labels: testLabels() }, buildEnd);
    const failed = events.find((e): e is Extract<BuildEvent, { type: 'failed' }> => e.type === 'failed');
    expect(failed?.step).toMatchObject({ step: 4, total: 6, instruction: 'RUN exit 3' });
    expect(failed?.message).toMatch(/returned a non-zero code: 3/);
  });

  it('refuses a context over the size limit, with its size, and a missing Dockerfile by name', async () => {
    const dir = context({ Dockerfile: `FROM ${WEB_IMAGE}\n`, 'big.bin': 'x'.repeat(50_000) });
    const r = await service.dispatcher.subscribe('test', 'build:run', { contextPath: dir, tags: ['x:1'], maxContextBytes: 10_000 }, () => undefined, () => undefined);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toMatch(/build context is 48\.9 kB/);
    const r2 = await service.dispatcher.invoke('build:check-context', { contextPath: work, dockerfile: 'Nope' });
    expect(r2).toMatchObject({ ok: false, error: { field: 'dockerfile', message: expect.stringContaining('There is no Nope') } });
    const r3 = await service.dispatcher.invoke('build:check-context', { contextPath: '/does/not/exist' });
    expect(r3).toMatchObject({ ok: false, error: { field: 'contextPath' } });
  });

  it('cancels a running build when the subscription closes', async () => {
    // A marker only this build's RUN carries: other tests' `sleep 300` containers also contain "sleep 30".
    const marker = testName('cancel-marker');
    const dir = context({ Dockerfile: `FROM ${WEB_IMAGE}\nRUN sleep 30 && echo ${marker}\n` });
    const events: BuildEvent[] = [];
    const r = await service.dispatcher.subscribe('test', 'build:run', { contextPath: dir, tags: [`${testName('cancel')}:1`], labels: testLabels(), noCache: true }, (_i, e) => events.push(e as BuildEvent), () => undefined);
    expect(r.ok).toBe(true);
    await waitFor(() => events.some((e) => e.type === 'step' && e.step === 2), 'step 2 to start', 20_000);
    // The builder's RUN container exists and runs before we cancel (else the check below proves nothing).
    const sleeping = async () => (await testDocker().listContainers({ filters: { ancestor: [WEB_IMAGE] } })).filter((c) => c.Command.includes(marker));
    const ids = (await waitFor(async () => { const s = await sleeping(); return s.length > 0 ? s : null; }, 'the RUN sleep 30 container', 20_000)).map((c) => c.Id);
    const t0 = Date.now();
    if (r.ok) service.dispatcher.unsubscribe('test', r.value);
    // The classic builder kills the RUN container when the client goes away.
    await waitFor(async () => {
      const cs = await testDocker().listContainers({ all: true });
      return !cs.some((c) => ids.includes(c.Id));
    }, 'the build container to go away', 20_000);
    expect(Date.now() - t0).toBeLessThan(20_000);
    expect(service.dispatcher.activeSubscriptions()['build:run'] ?? 0).toBe(0);
  });

  it('logs in (wrong then right), pushes all tags, removes locally, pulls back, lists registry tags, logs out', async () => {
    const repository = repo();
    const img = testDocker().getImage(WEB_IMAGE);
    // A labelled copy so cleanup can find it: build one from the fixture.
    const dir = context({ Dockerfile: `FROM ${WEB_IMAGE}\nRUN echo v1 > /var/www/index.html\n` });
    const { events: b } = await collect<BuildEvent>('build:run', { contextPath: dir, tags: [`${repository}:1.0.0`], labels: testLabels() }, buildEnd);
    expect(b.some((e) => e.type === 'done')).toBe(true);
    expect(img).toBeTruthy();
    const rel = await invoke<{ tags: string[] }>('tags:release', { image: `${repository}:1.0.0`, repository, version: '1.0.1' });
    expect(rel.tags).toEqual([`${repository}:1.0.1`, `${repository}:latest`]);

    // Not logged in: the push is refused by the registry.
    const { events: refused } = await collect<TransferEvent>('registry:push', { repository, tag: '1.0.0' }, transferEnd);
    expect(refused.find((e) => e.type === 'failed')).toMatchObject({ message: expect.stringMatching(/no basic auth credentials|unauthorized|authentication required/) });

    const wrong = await service.dispatcher.invoke('registry:login', { registry: registry.host, username: registry.username, password: 'Wr0ng-PassW0rd-xyz' });
    expect(wrong.ok).toBe(false);
    expect(JSON.stringify(wrong)).not.toContain('Wr0ng-PassW0rd-xyz');
    if (!wrong.ok) expect(wrong.error.message).toMatch(/401 Unauthorized/);
    expect(fs.existsSync(path.join(dockerConfig, 'config.json'))).toBe(false);

    const ok = await invoke<{ storedIn: string; message: string }>('registry:login', { registry: registry.host, username: registry.username, password: registry.password });
    expect(ok).toMatchObject({ storedIn: 'config.json', message: 'Login Succeeded' });
    const cfg = JSON.parse(fs.readFileSync(path.join(dockerConfig, 'config.json'), 'utf8')) as { auths: Record<string, { auth: string }> };
    expect(Buffer.from(cfg.auths[registry.host]!.auth, 'base64').toString()).toBe(`${registry.username}:${registry.password}`);
    expect(await invoke('registry:logins', {})).toEqual([{ registry: registry.host, username: registry.username, storedIn: 'config.json' }]);

    const { events: pushed } = await collect<TransferEvent>('registry:push', { repository, allTags: true }, transferEnd);
    expect(pushed.find((e) => e.type === 'failed')).toBeUndefined();
    const start = pushed.find((e): e is Extract<TransferEvent, { type: 'start' }> => e.type === 'start');
    expect(parse(start!.command)).toEqual(['docker', 'push', '--all-tags', repository]);
    expect(start!.tags).toEqual(['1.0.0', '1.0.1', 'latest']);
    expect(pushed.filter((e) => e.type === 'tag-done').length).toBe(3);
    expect(pushed.some((e) => e.type === 'progress' && e.progress.layers.length > 0)).toBe(true);

    const listed = await invoke<{ tags: string[] }>('registry:tags', { repository });
    expect(listed.tags).toEqual(['1.0.0', '1.0.1', 'latest']);
    const missing = await service.dispatcher.invoke('registry:tags', { repository: `${registry.host}/dockside-test/nothing-here` });
    expect(missing).toMatchObject({ ok: false, error: { message: expect.stringMatching(/name unknown/) } });

    // Delete the local copy (all three tags), then pull one back.
    for (const t of ['1.0.0', '1.0.1', 'latest']) await invoke('tags:remove', { tag: `${repository}:${t}` });
    await expect(testDocker().getImage(`${repository}:1.0.1`).inspect()).rejects.toThrow();
    const { events: pulled } = await collect<TransferEvent>('registry:pull', { reference: `${repository}:1.0.1` }, transferEnd);
    expect(pulled.find((e) => e.type === 'failed')).toBeUndefined();
    const back = await testDocker().getImage(`${repository}:1.0.1`).inspect();
    expect(back.Config.Labels).toMatchObject(testLabels());

    await invoke('registry:logout', { registry: registry.host });
    const after = JSON.parse(fs.readFileSync(path.join(dockerConfig, 'config.json'), 'utf8')) as { auths: Record<string, unknown> };
    expect(after.auths[registry.host]).toBeUndefined();
    const anon = await service.dispatcher.invoke('registry:tags', { repository });
    expect(anon).toMatchObject({ ok: false, error: { message: expect.stringMatching(/unauthorized/) } });
  });

  it('replaces a running container with the new version: new one answers, old one stopped', async () => {
    const name = testName('site');
    const mk = async (v: string) => {
      const dir = context({ Dockerfile: `FROM ${WEB_IMAGE}\nRUN echo ${v} > /var/www/index.html\n` });
      const { events } = await collect<BuildEvent>('build:run', { contextPath: dir, tags: [`${name}:${v}`], labels: testLabels() }, buildEnd);
      expect(events.some((e) => e.type === 'done')).toBe(true);
    };
    await mk('1.0.0');
    await mk('2.0.0');
    const old = await runContainer({ name: testName('old'), image: `${name}:1.0.0`, ports: { '80/tcp': '' } });
    const oldPort = await hostPortOf(old);
    expect(await (await fetch(`http://127.0.0.1:${oldPort}/`)).text()).toContain('1.0.0');
    const { events } = await collect<ReplaceEvent>('pipeline:replace', { oldContainer: old.id, image: `${name}:2.0.0` }, (e) => e.type === 'done' || e.type === 'failed', 30_000);
    const done = events.find((e): e is Extract<ReplaceEvent, { type: 'done' }> => e.type === 'done');
    expect(done, JSON.stringify(events)).toBeTruthy();
    expect(await (await fetch(`http://127.0.0.1:${done!.hostPort}/`)).text()).toContain('2.0.0');
    const newInfo = await testDocker().getContainer(done!.newId).inspect();
    expect(newInfo.State.Running).toBe(true);
    expect(newInfo.Config.Labels).toMatchObject(testLabels());
    expect((await old.inspect()).State.Running).toBe(false);
  });

  it('adds and removes tags, tags a release, and reports bad input by field', async () => {
    const name = testName('tagme');
    const dir = context({ Dockerfile: `FROM ${WEB_IMAGE}\nRUN echo t > /var/www/t\n` });
    const { events } = await collect<BuildEvent>('build:run', { contextPath: dir, tags: [`${name}:0.9.0`], labels: testLabels() }, buildEnd);
    const done = events.find((e): e is Extract<BuildEvent, { type: 'done' }> => e.type === 'done')!;
    const added = await invoke<{ command: string }>('tags:add', { image: done.imageId, tag: `${name}:extra` });
    expect(parse(added.command)).toEqual(['docker', 'tag', done.imageId, `${name}:extra`]);
    await invoke('tags:release', { image: done.imageId, repository: name, version: 'v1.2.3' });
    expect((await testDocker().getImage(done.imageId).inspect()).RepoTags.sort()).toEqual([`${name}:0.9.0`, `${name}:1.2.3`, `${name}:extra`, `${name}:latest`]);
    await invoke('tags:remove', { tag: `${name}:extra` });
    expect((await testDocker().getImage(done.imageId).inspect()).RepoTags).not.toContain(`${name}:extra`);

    const badTag = await service.dispatcher.invoke('tags:add', { image: done.imageId, tag: 'Bad Name' });
    expect(badTag).toMatchObject({ ok: false, error: { code: 'invalid-argument', field: 'tag' } });
    const badVersion = await service.dispatcher.invoke('tags:release', { image: done.imageId, repository: name, version: '1.2' });
    expect(badVersion).toMatchObject({ ok: false, error: { field: 'version', message: expect.stringContaining('semantic version') } });
    const badBuild = await service.dispatcher.subscribe('test', 'build:run', { contextPath: 'relative/dir', tags: [] }, () => undefined, () => undefined);
    expect(badBuild).toMatchObject({ ok: false, error: { field: 'contextPath' } });
  });

  it('shows registry errors as they are: unreachable registry, missing local tag', async () => {
    const closed = await freePort(); // free now, so nothing answers there
    const unreachable = await service.dispatcher.invoke('registry:tags', { repository: `127.0.0.1:${closed}/nothing` });
    expect(unreachable).toMatchObject({ ok: false, error: { message: `The registry at 127.0.0.1:${closed} is unreachable: ECONNREFUSED` } });
    const noTag = await service.dispatcher.subscribe('test', 'registry:push', { repository: `${registry.host}/dockside-test/absent`, tag: '9.9.9' }, () => undefined, () => undefined);
    expect(noTag).toMatchObject({ ok: false, error: { field: 'tag', message: expect.stringContaining('does not exist locally') } });
    const loginDown = await service.dispatcher.invoke('registry:login', { registry: `127.0.0.1:${closed}`, username: 'a', password: 'b' });
    expect(loginDown.ok).toBe(false);
    if (!loginDown.ok) expect(loginDown.error.message).toMatch(/connection refused/);
  });

  it('runs a first version on a loopback port (pipeline:start) and probes it', async () => {
    const started = await invoke<{ id: string; name: string; hostPort: number; command: string }>('pipeline:start', { image: WEB_IMAGE, labels: testLabels() });
    expect(parse(started.command)).toEqual(['docker', 'run', '-d', '--name', started.name, '-p', '127.0.0.1::80', '--label', `dockside.test=${testLabels()['dockside.test']}`, WEB_IMAGE]);
    const info = await testDocker().getContainer(started.id).inspect();
    expect(info.HostConfig.PortBindings['80/tcp']?.[0]?.HostIp).toBe('127.0.0.1');
    const probe = await waitFor(async () => {
      const r = await invoke<{ ok: boolean; status?: number }>('pipeline:probe', { port: started.hostPort });
      return r.ok ? r : null;
    }, 'the first version to answer');
    expect(probe.status).toBeLessThan(500);
  });

  it('leaves no publish stream open once every subscriber has gone', () => {
    const open = service.dispatcher.activeSubscriptions();
    for (const name of ['build:run', 'registry:push', 'registry:pull', 'pipeline:replace']) expect(open[name] ?? 0).toBe(0);
  });
});
