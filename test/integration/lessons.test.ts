/**
 * Live lesson checks on the real engine: doing a lesson's task flips its check to met (and done),
 * undoing it flips the live state back while "done" stays; history-based checks (stop vs kill)
 * follow the engine's signal events; progress survives a service restart and can be reset.
 */
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LessonProgressEvent } from '../../main/contract';
import { createService, type Service } from '../../main/service/create-service';
import { cleanupRun, runContainer, testDocker, waitFor } from '../support/engine';
import { WEB_IMAGE } from '../support/fixtures';
import { testLabels, testName } from '../support/labels';
import { skipOnPodman } from '../support/engine-kind';

let service: Service;
let dataDir: string;

async function open(): Promise<Service> {
  return createService({ dataDir });
}

/** Subscribes to one lesson's progress and keeps the latest event. */
async function watch(s: Service, lessonId: string) {
  const state: { last: LessonProgressEvent | null; count: number } = { last: null, count: 0 };
  const r = await s.dispatcher.subscribe('test', 'lessons:progress', { lessonId }, (_id, e) => {
    state.last = e as LessonProgressEvent;
    state.count++;
  }, (_id, err) => {
    throw new Error(err.message);
  });
  if (!r.ok) throw new Error(r.error.message);
  const task = (id: string) => state.last?.lessons[lessonId]?.tasks[id];
  return { state, task, close: () => s.dispatcher.unsubscribe('test', r.value) };
}

function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = net.createServer().once('error', () => resolve(false)).once('listening', () => srv.close(() => resolve(true)));
    srv.listen(port, '127.0.0.1');
  });
}

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dockside-lessons-'));
  service = await open();
});

afterAll(async () => {
  service.close();
  await cleanupRun();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('lessons:list and lessons:get', () => {
  it('serves the course without the quiz answers', async () => {
    const list = await service.dispatcher.invoke('lessons:list', {});
    expect(list.ok && list.value).toHaveLength(19);
    const got = await service.dispatcher.invoke('lessons:get', { id: 'stop-vs-kill' });
    if (!got.ok) throw new Error(got.error.message);
    const lesson = got.value as { body: string; quiz: Record<string, unknown>[]; view: string };
    expect(lesson.view).toBe('containers');
    expect(lesson.body).toContain('SIGTERM');
    expect(lesson.quiz[0]).not.toHaveProperty('answer');
    const missing = await service.dispatcher.invoke('lessons:get', { id: 'nope' });
    expect(missing).toMatchObject({ ok: false, error: { code: 'not-found', message: 'No lesson "nope".' } });
    const sub = await service.dispatcher.subscribe('test', 'lessons:progress', { lessonId: 'nope' }, () => undefined, () => undefined);
    expect(sub).toMatchObject({ ok: false, error: { code: 'not-found' } });
    const bad = await service.dispatcher.invoke('lessons:get', { id: 'Bad Id' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid-argument', field: 'id' } });
  });
});

describe('running-a-container: publish host port 8080 to container port 80', () => {
  it('ticks when a container publishes 8080:80 and un-ticks (live) when it goes, staying done', async () => {
    // The lesson's task is about 8080 itself; wait (bounded) if a parallel run holds it right now.
    await waitFor(() => portFree(8080), 'host port 8080 to be free', 30_000);
    const w = await watch(service, 'running-a-container');
    await waitFor(() => w.task('publish-8080'), 'first evaluation');
    expect(w.task('publish-8080')).toMatchObject({ met: false, done: false });

    // Created straight on the engine, as a terminal user would: the app is not involved.
    const c = await runContainer({ name: testName('lsn-web'), image: WEB_IMAGE, ports: { '80/tcp': '8080' } });
    const on = await waitFor(() => (w.task('publish-8080')?.met ? w.task('publish-8080') : null), 'the check to tick');
    expect(on).toMatchObject({ met: true, done: true });
    expect(on!.detail).toMatch(/forwards host port 8080 to its port 80/);

    await c.remove({ force: true });
    const off = await waitFor(() => (w.task('publish-8080')?.met === false ? w.task('publish-8080') : null), 'the check to un-tick');
    expect(off).toMatchObject({ met: false, done: true });
    w.close();
  });
});

describe('stop-vs-kill: told apart by the signals in engine events', () => {
  it.skipIf(
    skipOnPodman('Podman 4.3 sends no event for `docker stop` that says SIGTERM (no kill event, just die with the exit code), so "stopped (SIGTERM first)" has no evidence there'),
  )('a docker stop ticks "stopped"', async () => {
    const w = await watch(service, 'stop-vs-kill');
    try {
      await waitFor(() => w.task('stopped'), 'first evaluation');
      const a = await runContainer({ name: testName('lsn-stop'), image: WEB_IMAGE });
      await a.stop({ t: 1 });
      await waitFor(() => w.task('stopped')?.detail.includes('lsn-stop'), 'stopped to name our container');
      expect(w.task('stopped')).toMatchObject({ met: true, done: true });
    } finally {
      w.close();
    }
  });

  it('a docker kill ticks "killed"', async () => {
    const w = await watch(service, 'stop-vs-kill');
    try {
      await waitFor(() => w.task('killed'), 'first evaluation');
      const b = await runContainer({ name: testName('lsn-kill'), image: WEB_IMAGE });
      await b.kill();
      await waitFor(() => w.task('killed')?.detail.includes('lsn-kill'), 'killed to name our container');
      expect(w.task('killed')).toMatchObject({ met: true, done: true });
    } finally {
      w.close();
    }
  });
});

describe('volumes: a file outlives its container', () => {
  it.skipIf(
    skipOnPodman('Podman 4.3 sends no volume mount events, and the check needs the engine to say which container used the volume before that container was deleted'),
  )('ticks after write, delete, re-mount; un-ticks when the volume is removed', async () => {
    const docker = testDocker();
    const vol = testName('lsn-vol');
    await docker.createVolume({ Name: vol, Labels: testLabels() });
    const w = await watch(service, 'volumes');
    await waitFor(() => w.task('outlived'), 'first evaluation');
    const writer = await runContainer({ name: testName('lsn-writer'), image: WEB_IMAGE, binds: [`${vol}:/data`], cmd: ['sh', '-c', 'echo kept > /data/hello.txt'] });
    await writer.wait();
    await writer.remove();
    const reader = await runContainer({ name: testName('lsn-reader'), image: WEB_IMAGE, binds: [`${vol}:/data`], cmd: ['cat', '/data/hello.txt'], start: false });
    await reader.start();
    await reader.wait();
    const logs = (await reader.logs({ stdout: true })).toString();
    expect(logs).toContain('kept');
    await waitFor(() => w.task('outlived')?.detail.includes(vol), 'the volume check to name our volume');
    await reader.remove();
    await docker.getVolume(vol).remove();
    // Another run's volume could satisfy the check too; ours must no longer be the one named.
    await waitFor(() => w.task('outlived') && !w.task('outlived')!.detail.includes(vol), 'the check to drop our volume');
    w.close();
  });
});

describe('offline containers and resource limits: state checks follow create and remove', () => {
  // Other runs may hold such containers too, so the assertions are about ours being found.
  it('--network none ticks the offline task; removing the container drops it', async () => {
    const w = await watch(service, 'offline-containers');
    await waitFor(() => w.task('no-network'), 'first evaluation');
    const name = testName('lsn-sealed');
    const c = await runContainer({ name, image: WEB_IMAGE, networkMode: 'none' });
    await waitFor(() => w.task('no-network')?.detail.includes(name), 'the check to name our sealed container');
    expect(w.task('no-network')).toMatchObject({ met: true, done: true });
    await c.remove({ force: true });
    await waitFor(() => w.task('no-network') && !w.task('no-network')!.detail.includes(name), 'the check to drop our container');
    w.close();
  });

  it('a 64 MiB memory limit and half a CPU tick the limits tasks; a 128 MiB limit does not', async () => {
    const w = await watch(service, 'resource-limits');
    await waitFor(() => w.task('memory-64'), 'first evaluation');
    const big = testName('lsn-big');
    await runContainer({ name: big, image: WEB_IMAGE, memory: 128 * 1024 * 1024 });
    const small = testName('lsn-small');
    const c = await runContainer({ name: small, image: WEB_IMAGE, memory: 64 * 1024 * 1024, nanoCpus: 5e8 });
    await waitFor(() => w.task('memory-64')?.detail.includes(small), 'the memory check to name our container');
    await waitFor(() => w.task('half-cpu')?.detail.includes(small), 'the cpu check to name our container');
    expect(w.task('memory-64')!.detail).toMatch(/at most 64 MiB/);
    expect(w.task('memory-64')!.detail).not.toContain(big);
    await c.remove({ force: true });
    await waitFor(() => w.task('memory-64') && !w.task('memory-64')!.detail.includes(small), 'the memory check to drop our container');
    w.close();
  });
});

describe('progress', () => {
  it('is saved per engine, survives a restart, and resets', async () => {
    const ans = await service.dispatcher.invoke('lessons:answer', { lessonId: 'stop-vs-kill', question: 0, choice: 1 });
    expect(ans).toMatchObject({ ok: true, value: { correct: true, answer: 1 } });
    const wrong = await service.dispatcher.invoke('lessons:answer', { lessonId: 'stop-vs-kill', question: 1, choice: 0 });
    // A wrong answer does not give the right one away; "Show answer" does, without credit.
    expect(wrong).toEqual({ ok: true, value: { correct: false } });
    const shown = await service.dispatcher.invoke('lessons:answer', { lessonId: 'stop-vs-kill', question: 1, choice: 0, reveal: true });
    expect(shown).toMatchObject({ ok: true, value: { correct: false, answer: 1 } });
    const badChoice = await service.dispatcher.invoke('lessons:answer', { lessonId: 'stop-vs-kill', question: 0, choice: 9 });
    expect(badChoice).toMatchObject({ ok: false, error: { code: 'invalid-argument', field: 'choice' } });

    service.close();
    service = await open();
    const w = await watch(service, 'running-a-container');
    await waitFor(() => w.task('publish-8080'), 'evaluation after restart');
    expect(w.task('publish-8080')).toMatchObject({ met: false, done: true });
    const saved = JSON.parse(fs.readFileSync(path.join(dataDir, 'progress.json'), 'utf8')) as { engines: Record<string, { tasks: Record<string, string>; quiz: Record<string, boolean> }> };
    const [engineKey] = Object.keys(saved.engines);
    expect(engineKey).toMatch(/^unix:\/\/.*#[A-Z0-9:]+$/);
    expect(saved.engines[engineKey!]!.quiz).toEqual({ 'stop-vs-kill/0': true, 'stop-vs-kill/1': false });

    const reset = await service.dispatcher.invoke('lessons:reset', { lessonId: 'running-a-container' });
    expect(reset).toMatchObject({ ok: true, value: { engine: engineKey } });
    await waitFor(() => w.task('publish-8080')?.done === false, 'done to be reset');
    w.close();
  });

  it('stops listening to the engine when the last subscriber leaves', async () => {
    const before = service.engine.listenerCounts().events;
    const w = await watch(service, 'logs');
    expect(service.engine.listenerCounts().events).toBe(before + 1);
    w.close();
    expect(service.engine.listenerCounts().events).toBe(before);
  });
});
