/** images:pull through a throwaway local registry: per-layer progress, done, and the image arrives. */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ImageSummary, PullEvent } from '../../main/contract';
import { createService, type Service } from '../../main/service/create-service';
import { cleanupRun, waitFor } from '../support/engine';
import { RUN_ID } from '../support/labels';
import { startLocalRegistry, type LocalRegistry } from '../support/workflows-registry';
import { seedRegistry } from '../support/workflows-seed';

let service: Service;
let registry: LocalRegistry;

beforeAll(async () => {
  registry = await startLocalRegistry();
  service = await createService({ dataDir: '/tmp/dockside-wf-int' });
  await waitFor(() => service.engine.getStatus().state === 'connected', 'engine connected');
});
afterAll(async () => {
  service?.close();
  await cleanupRun();
  await registry?.stop();
});

it('pulls with per-layer progress, ends with done, and the image is then listed', async () => {
  const ref = await seedRegistry(registry.host, `dockside-test/wf-pull-${RUN_ID}`);
  const events: PullEvent[] = [];
  let error: string | null = null;
  const sub = await service.dispatcher.subscribe('t', 'images:pull', { reference: ref }, (_id, e) => events.push(e as PullEvent), (_id, e) => (error = e.message));
  expect(sub.ok).toBe(true);
  const done = await waitFor(() => events.find((e) => e.done), 'pull done', 30_000);
  expect(error).toBeNull();
  expect(done.command).toBe(`docker pull ${ref}`);
  expect(done.progress.overall).toBe(1);
  expect(done.progress.layers.length).toBeGreaterThan(0);
  expect(done.progress.layers.every((l) => l.done)).toBe(true);
  expect(done.progress.message).toMatch(/Downloaded newer image|Image is up to date/);
  const listed = await service.dispatcher.invoke('images:list', {});
  expect(listed.ok && (listed.value as ImageSummary[]).some((i) => i.repoTags.includes(ref))).toBe(true);
  service.dispatcher.disposeOwner('t');
});

it('a tag the registry does not have gives the registry\'s error', async () => {
  const err = await new Promise<string>((resolve) => {
    void service.dispatcher
      .subscribe('t', 'images:pull', { reference: `${registry.host}/dockside-test/absent:1` }, () => undefined, (_id, e) => resolve(e.message))
      .then((r) => {
        if (!r.ok) resolve(r.error.message);
      });
  });
  expect(err).toMatch(/not found|manifest unknown/i);
  service.dispatcher.disposeOwner('t');
});
