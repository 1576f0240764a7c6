/** images:pull through a throwaway local registry: per-layer progress, done, and the image arrives. */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ImageSummary, PullEvent } from '../../main/contract';
import { createService, type Service } from '../../main/service/create-service';
import { cleanupRun, runContainer, testDocker, waitFor } from '../support/engine';
import { WEB_IMAGE } from '../support/fixtures';
import { RUN_ID, TEST_LABEL, testName } from '../support/labels';
import { startLocalRegistry, type LocalRegistry } from '../support/workflows-registry';
import { seedRegistry } from '../support/workflows-seed';
import { tempDataDir } from '../support/temp-dir';

const dataDir = tempDataDir('it-pull');
let service: Service;
let registry: LocalRegistry;

beforeAll(async () => {
  registry = await startLocalRegistry();
  service = await createService({ dataDir: dataDir.dir });
  await waitFor(() => service.engine.getStatus().state === 'connected', 'engine connected');
});
afterAll(async () => {
  dataDir.remove();
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

it('cancel (unsubscribe) stops the pull: no done event, and the image does not arrive', async () => {
  // A layer big enough that the pull is still running when it is cancelled.
  const docker = testDocker();
  const src = await runContainer({ name: testName('big'), image: WEB_IMAGE, cmd: ['sh', '-c', 'dd if=/dev/urandom of=/big bs=1M count=96 2>/dev/null'], start: true });
  await src.wait();
  const repo = `${registry.host}/dockside-test/wf-big-${RUN_ID}`;
  await src.commit({ repo, tag: '1', changes: [`LABEL ${TEST_LABEL}=${RUN_ID}`] });
  const ref = `${repo}:1`;
  const push = await docker.getImage(ref).push({ authconfig: { serveraddress: registry.host } });
  await new Promise<void>((resolve, reject) => docker.modem.followProgress(push, (err) => (err ? reject(err) : resolve())));
  await docker.getImage(ref).remove({ force: true });

  const events: PullEvent[] = [];
  const sub = await service.dispatcher.subscribe('c', 'images:pull', { reference: ref }, (_id, e) => events.push(e as PullEvent), () => undefined);
  expect(sub.ok).toBe(true);
  await waitFor(() => events.some((e) => e.progress.layers.some((l) => l.total > 0 && !l.done)), 'download under way', 30_000);
  if (sub.ok) service.dispatcher.unsubscribe('c', sub.value);
  const seen = events.length;
  await new Promise((r) => setTimeout(r, 3000));
  expect(events.length).toBe(seen);
  expect(events.some((e) => e.done)).toBe(false);
  await expect(docker.getImage(ref).inspect()).rejects.toMatchObject({ statusCode: 404 });
});
