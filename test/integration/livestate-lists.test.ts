/**
 * Lists converge to what the engine holds: a container killed from the CLI, one that exits by
 * itself and one removed from the CLI show as such within a second through `containers:watch`,
 * with nothing else happening on the engine to trigger a re-read (dockerd 20.10 still lists a
 * container as running when its `die` event arrives). Each case runs several times.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ContainerSummary, EngineEvent, VolumeSummary } from '../../main/contract';
import { createService, type Service } from '../../main/service/create-service';
import { cleanupRun, runContainer, testDocker, waitFor } from '../support/engine';
import { TEST_ENGINE } from '../support/engine-kind';
import { WEB_IMAGE } from '../support/fixtures';
import { labelArgs, testName } from '../support/labels';

const run = promisify(execFile);
const ROUNDS = 4;
let service: Service;
let dataDir: string;

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dockside-it-lists-'));
  service = await createService({ dataDir });
  expect(service.engine.getStatus().state).toBe('connected');
});

afterAll(async () => {
  service.close();
  await cleanupRun();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

/** A `containers:watch` subscription that records when each value arrived. */
async function watchContainers() {
  const values: { at: number; rows: ContainerSummary[] }[] = [];
  const r = await service.dispatcher.subscribe('it-lists', 'containers:watch', { all: true }, (_id, v) => values.push({ at: Date.now(), rows: v as ContainerSummary[] }), () => undefined);
  if (!r.ok) throw new Error(r.error.message);
  // When the engine's die event reached us, per container: Podman sends it up to a second or so
  // after the death (its exit file is read later), which no client can see sooner.
  const died = new Map<string, number>();
  const ev = await service.dispatcher.subscribe('it-lists', 'engine:events', { types: ['container'] }, (_id, e) => {
    const event = e as EngineEvent;
    if (event.action === 'die' && !died.has(event.attributes.name ?? '')) died.set(event.attributes.name ?? '', Date.now());
  }, () => undefined);
  if (!ev.ok) throw new Error(ev.error.message);
  await waitFor(() => values.length > 0, 'the first container list');
  return {
    /** When the engine stopped the container: its clock on Docker, its die event's arrival on Podman. */
    diedAt: async (name: string, finishedAt: string) =>
      TEST_ENGINE === 'podman' ? waitFor(() => died.get(name), `the die event of ${name}`) : Date.parse(finishedAt),
    /** Time at which the list first satisfied `check` after `since`. */
    when: (since: number, check: (rows: ContainerSummary[]) => boolean, what: string) =>
      waitFor(() => values.find((v) => v.at >= since && check(v.rows))?.at, what, 5000),
    latest: () => values[values.length - 1]!.rows,
    close: () => {
      service.dispatcher.unsubscribe('it-lists', r.value);
      service.dispatcher.unsubscribe('it-lists', ev.value);
    },
  };
}

const stateOf = (rows: ContainerSummary[], name: string) => rows.find((c) => c.name === name)?.state;

describe('lists converge to the engine within a second', () => {
  it(`a container killed with docker kill shows exited (${ROUNDS} times)`, async () => {
    const watch = await watchContainers();
    try {
      for (let i = 0; i < ROUNDS; i++) {
        const name = testName(`kill-${i}`);
        await runContainer({ name, image: WEB_IMAGE });
        await watch.when(0, (rows) => stateOf(rows, name) === 'running', `${name} running`);
        // Let the engine go quiet, so only the kill's own events can bring the change.
        await new Promise((r) => setTimeout(r, 300));
        await run('docker', ['kill', name]);
        // Measured from the death on the engine's clock: Podman's `docker kill` returns only after
        // the container died and its events were sent, Docker's before.
        const diedAt = await watch.diedAt(name, (await testDocker().getContainer(name).inspect()).State.FinishedAt);
        const seenAt = await watch.when(0, (rows) => stateOf(rows, name) === 'exited', `${name} exited in the list`);
        expect(seenAt - diedAt, `round ${i}: ms from the kill (engine clock) to the list saying exited`).toBeLessThan(1000);
        expect(watch.latest().find((c) => c.name === name)?.status).toMatch(/^Exited \(137\)/);
      }
    } finally {
      watch.close();
    }
  });

  it(`a container that exits by itself shows exited (${ROUNDS} times)`, async () => {
    const watch = await watchContainers();
    try {
      for (let i = 0; i < ROUNDS; i++) {
        const name = testName(`exit-${i}`);
        const c = await runContainer({ name, image: WEB_IMAGE, cmd: ['sh', '-c', 'sleep 1; exit 3'] });
        await watch.when(0, (rows) => stateOf(rows, name) === 'running', `${name} running`);
        const info = await waitFor(async () => {
          const s = (await c.inspect()).State;
          return s.Status === 'exited' ? s : null;
        }, `${name} to exit`);
        const exitedAt = await watch.diedAt(name, info.FinishedAt);
        const seenAt = await watch.when(0, (rows) => stateOf(rows, name) === 'exited', `${name} exited in the list`);
        expect(seenAt - exitedAt, `round ${i}: ms from the exit (engine clock) to the list saying exited`).toBeLessThan(1000);
        expect(watch.latest().find((c) => c.name === name)?.status).toMatch(/^Exited \(3\)/);
      }
    } finally {
      watch.close();
    }
  });

  it(`a container removed with docker rm -f leaves the list (${ROUNDS} times)`, async () => {
    const watch = await watchContainers();
    try {
      for (let i = 0; i < ROUNDS; i++) {
        const name = testName(`rm-${i}`);
        await runContainer({ name, image: WEB_IMAGE });
        await watch.when(0, (rows) => stateOf(rows, name) === 'running', `${name} running`);
        await new Promise((r) => setTimeout(r, 300));
        await run('docker', ['rm', '-f', name]);
        const removedAt = Date.now();
        const seenAt = await watch.when(removedAt, (rows) => stateOf(rows, name) === undefined, `${name} gone from the list`);
        expect(seenAt - removedAt, `round ${i}: ms from docker rm returning to the row leaving`).toBeLessThan(1000);
      }
    } finally {
      watch.close();
    }
  });

  it('volumes created and removed from the CLI show within a second', async () => {
    const values: { at: number; rows: VolumeSummary[] }[] = [];
    const r = await service.dispatcher.subscribe('it-lists', 'volumes:list', {}, (_id, v) => values.push({ at: Date.now(), rows: v as VolumeSummary[] }), () => undefined);
    if (!r.ok) throw new Error(r.error.message);
    try {
      await waitFor(() => values.length > 0, 'the first volume list');
      const name = testName('vol');
      await run('docker', ['volume', 'create', ...labelArgs(), name]);
      const createdAt = Date.now();
      const seen = await waitFor(() => values.find((v) => v.at >= createdAt && v.rows.some((x) => x.name === name))?.at, `${name} listed`, 5000);
      expect(seen - createdAt).toBeLessThan(1000);
      await run('docker', ['volume', 'rm', name]);
      const removedAt = Date.now();
      const gone = await waitFor(() => values.find((v) => v.at >= removedAt && !v.rows.some((x) => x.name === name))?.at, `${name} gone`, 5000);
      expect(gone - removedAt).toBeLessThan(1000);
    } finally {
      service.dispatcher.unsubscribe('it-lists', r.value);
    }
  });
});
