/**
 * Disk usage and clean-up against the real engine, which also holds objects this test must not
 * touch (other runs', the developer's, and this test's own "keep" objects): every prune is
 * narrowed by a label only this test's "prune me" objects carry, and must remove exactly what its
 * preview listed.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import tar from 'tar-stream';
import type { CallArgs, CallName, CallResult, PrunePreview } from '../../main/contract';
import { humanSize } from '../../main/disk/human-size';
import { createService, type Service } from '../../main/service/create-service';
import { cleanupRun, runContainer, testDocker, waitFor } from '../support/engine';
import { WEB_IMAGE } from '../support/fixtures';
import { RUN_ID, TEST_LABEL, testLabels, testName } from '../support/labels';

let service: Service;
const docker = testDocker();
const PRUNE_KEY = 'dockside.test.prune';
const pruneValue = `${RUN_ID}-${randomBytes(3).toString('hex')}`;
const pruneLabel = `${PRUNE_KEY}=${pruneValue}`;

async function call<N extends CallName>(name: N, args: CallArgs<N>): Promise<CallResult<N>> {
  const r = await service.dispatcher.invoke(name, args);
  if (!r.ok) throw Object.assign(new Error(`${name}: ${r.error.message}`), { api: r.error });
  return r.value as CallResult<N>;
}

/** A tiny image of its own (one random file), labelled; `tag` optional. */
async function makeImage(labels: Record<string, string>, tag?: string): Promise<string> {
  const pack = tar.pack();
  pack.entry({ name: 'data.txt' }, randomBytes(16).toString('hex'));
  pack.finalize();
  const out = await docker.importImage(pack as unknown as NodeJS.ReadableStream, {
    ...(tag ? { repo: tag.split(':')[0], tag: tag.split(':')[1] } : {}),
    changes: Object.entries(labels).map(([k, v]) => `LABEL ${k}=${v}`),
  } as unknown as Record<string, unknown>);
  const res = await new Promise<{ status?: string; error?: string }[]>((resolve, reject) =>
    docker.modem.followProgress(out as NodeJS.ReadableStream, (err: Error | null, r: { status?: string; error?: string }[]) => (err ? reject(err) : resolve(r))),
  );
  const id = res.map((r) => r.status ?? '').find((s) => s.startsWith('sha256:'));
  if (!id) throw new Error(`import gave no id: ${JSON.stringify(res)}`);
  return id;
}

async function exists(kind: 'container' | 'image' | 'volume', id: string): Promise<boolean> {
  try {
    if (kind === 'container') await docker.getContainer(id).inspect();
    else if (kind === 'image') await docker.getImage(id).inspect();
    else await docker.getVolume(id).inspect();
    return true;
  } catch {
    return false;
  }
}

beforeAll(async () => {
  service = await createService({ dataDir: `/tmp/dockside-disk-int-${RUN_ID}` });
  await waitFor(() => service.engine.getStatus().state === 'connected', 'engine connected');
});
afterAll(async () => {
  service.close();
  await cleanupRun();
});

describe('disk usage', () => {
  it('matches `docker system df -v` for the objects this test made', async () => {
    const vol = testName('df-vol');
    await docker.createVolume({ Name: vol, Labels: testLabels() });
    const c = await runContainer({ name: testName('df'), image: WEB_IMAGE, cmd: ['sh', '-c', 'echo 0123456789 > /volume-data/f; echo hello-layer > /layer; sleep 600'], binds: [`${vol}:/volume-data`] });
    const cid = (await c.inspect()).Id;
    const imageId = (await docker.getImage(WEB_IMAGE).inspect()).Id;
    await waitFor(async () => (await c.inspect()).State.Running, 'container running');
    await new Promise((r) => setTimeout(r, 500));

    const usage = await call('disk:usage', {});
    const cli = JSON.parse(execFileSync('docker', ['system', 'df', '-v', '--format', '{{json .}}'], { encoding: 'utf8' })) as {
      Images: { ID: string; Size: string; SharedSize: string; UniqueSize: string; Containers: string }[];
      Containers: { ID: string; Size: string; LocalVolumes: string }[];
      Volumes: { Name: string; Size: string; Links: string }[];
    };
    expect(usage.command).toBe('docker system df -v');

    const img = usage.images.find((i) => i.id === imageId)!;
    const cliImg = cli.Images.find((i) => i.ID === imageId)!;
    expect(img).toBeTruthy();
    expect(humanSize(img.size, 3)).toBe(cliImg.Size);
    expect(humanSize(img.sharedSize)).toBe(cliImg.SharedSize);
    expect(humanSize(img.uniqueSize)).toBe(cliImg.UniqueSize);
    expect(img.containers).toBeGreaterThanOrEqual(1);

    const ctr = usage.containers.find((x) => x.id === cid)!;
    const cliCtr = cli.Containers.find((x) => x.ID === cid)!;
    expect(humanSize(ctr.sizeRw, 3)).toBe(cliCtr.Size);
    expect(ctr.sizeRw).toBeGreaterThan(0);
    expect(String(ctr.localVolumes)).toBe(cliCtr.LocalVolumes);

    const v = usage.volumes.find((x) => x.name === vol)!;
    const cliVol = cli.Volumes.find((x) => x.Name === vol)!;
    expect(v.size).toBe(11); // "0123456789\n"
    expect(humanSize(v.size)).toBe(cliVol.Size);
    expect(String(v.links)).toBe(cliVol.Links);

    const rows = Object.fromEntries(usage.summary.map((r) => [r.type, r]));
    expect(rows.images!.total).toBe(usage.images.length);
    expect(rows.volumes!.active).toBe(usage.volumes.filter((x) => x.links > 0).length);
    expect(rows.containers!.reclaimable).toBeLessThanOrEqual(rows.containers!.size);
  });
});

describe('prune: exactly the preview, only what carries the label', () => {
  it('stopped containers', async () => {
    const gone = [testName('prune-a'), testName('prune-b')];
    for (const n of gone) await runContainer({ name: n, image: WEB_IMAGE, cmd: ['true'], start: false, labels: { [PRUNE_KEY]: pruneValue } });
    const running = testName('prune-running');
    await runContainer({ name: running, image: WEB_IMAGE, cmd: ['sleep', '600'], labels: { [PRUNE_KEY]: pruneValue } });
    const keep = testName('prune-keep');
    await runContainer({ name: keep, image: WEB_IMAGE, cmd: ['true'], start: false });

    const preview = await call('disk:prune-preview', { target: 'containers', labels: [pruneLabel] });
    expect(preview.items.map((i) => i.name).sort()).toEqual([...gone].sort());
    expect(preview.command).toMatch(/^docker container prune --force --filter until=\d+\.\d{9} --filter label=dockside\.test\.prune=/);
    const result = await call('disk:prune', { target: 'containers', labels: [pruneLabel], until: preview.until, ids: preview.items.map((i) => i.id) });
    expect(result.removed.map((i) => i.id).sort()).toEqual(preview.items.map((i) => i.id).sort());
    expect(result.kept).toEqual([]);
    for (const n of gone) expect(await exists('container', n)).toBe(false);
    expect(await exists('container', running)).toBe(true);
    expect(await exists('container', keep)).toBe(true);
  });

  it('refuses when more matches than the preview showed, removing nothing', async () => {
    const first = testName('prune-first');
    await runContainer({ name: first, image: WEB_IMAGE, cmd: ['true'], start: false, labels: { [PRUNE_KEY]: pruneValue } });
    const preview = await call('disk:prune-preview', { target: 'containers', labels: [pruneLabel] });
    const late = testName('prune-late');
    await new Promise((r) => setTimeout(r, 1100));
    await runContainer({ name: late, image: WEB_IMAGE, cmd: ['true'], start: false, labels: { [PRUNE_KEY]: pruneValue } });
    // `until` alone already keeps the late one out; a preview missing an item is refused outright.
    const r = await service.dispatcher.invoke('disk:prune', { target: 'containers', labels: [pruneLabel], until: Date.now() / 1000, ids: preview.items.map((i) => i.id) });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatchObject({ code: 'conflict', field: 'ids' });
    expect(await exists('container', first)).toBe(true);
    expect(await exists('container', late)).toBe(true);
    const again = await call('disk:prune', { target: 'containers', labels: [pruneLabel], until: preview.until, ids: preview.items.map((i) => i.id) });
    expect(again.removed.map((i) => i.name)).toEqual([first]);
    expect(await exists('container', late)).toBe(true);
  });

  it('dangling images, then unused images (-a); images in use stay', async () => {
    const repo = testName('prune-img');
    const dangling = await makeImage(testLabels({ [PRUNE_KEY]: pruneValue }), `${repo}:v1`);
    const tagged = await makeImage(testLabels({ [PRUNE_KEY]: pruneValue }), `${repo}:v1`); // takes the tag: the first is now dangling
    const used = await makeImage(testLabels({ [PRUNE_KEY]: pruneValue }), `${repo}:used`);
    await docker.createContainer({ Image: used, Cmd: ['/data.txt'], Labels: testLabels() });
    const keep = await makeImage(testLabels(), `${repo}:keep`);
    expect((await docker.getImage(dangling).inspect()).RepoTags).toEqual([]);

    const p1 = await call('disk:prune-preview', { target: 'images', labels: [pruneLabel] });
    expect(p1.items.map((i) => i.id)).toEqual([dangling]);
    const r1 = await call('disk:prune', { target: 'images', labels: [pruneLabel], until: p1.until, ids: p1.items.map((i) => i.id) });
    expect(r1.removed.map((i) => i.id)).toEqual([dangling]);
    expect(r1.spaceReclaimed).toBeGreaterThan(0);
    expect(await exists('image', dangling)).toBe(false);

    const p2: PrunePreview = await call('disk:prune-preview', { target: 'images', all: true, labels: [pruneLabel] });
    expect(p2.items.map((i) => i.id)).toEqual([tagged]);
    expect(p2.command).toContain('docker image prune --force --all');
    const r2 = await call('disk:prune', { target: 'images', all: true, labels: [pruneLabel], until: p2.until, ids: p2.items.map((i) => i.id) });
    expect(r2.removed.map((i) => i.id)).toEqual([tagged]);
    expect(r2.untagged).toEqual([`${repo}:v1`]);
    expect(await exists('image', tagged)).toBe(false);
    expect(await exists('image', used)).toBe(true);
    expect(await exists('image', keep)).toBe(true);
  });

  it('unused volumes (with their sizes); volumes in use and unlabelled ones stay', async () => {
    const unused = [testName('prune-vol-a'), testName('prune-vol-b')];
    for (const n of unused) await docker.createVolume({ Name: n, Labels: testLabels({ [PRUNE_KEY]: pruneValue }) });
    const inUse = testName('prune-vol-used');
    await docker.createVolume({ Name: inUse, Labels: testLabels({ [PRUNE_KEY]: pruneValue }) });
    await runContainer({ name: testName('vol-user'), image: WEB_IMAGE, cmd: ['true'], start: false, binds: [`${inUse}:/d`] });
    const keep = testName('prune-vol-keep');
    await docker.createVolume({ Name: keep, Labels: testLabels() });

    const apiVersion = service.engine.getStatus().state === 'connected' ? (service.engine.getStatus() as { info: { apiVersion: string } }).info.apiVersion : '1.41';
    // API 1.42+ prunes only anonymous volumes unless --all: ask for all, which is what 1.41 does anyway.
    const preview = await call('disk:prune-preview', { target: 'volumes', all: true, labels: [pruneLabel] });
    expect(preview.items.map((i) => i.name).sort()).toEqual([...unused].sort());
    expect(preview.items.every((i) => i.size === 0)).toBe(true);
    expect(preview.note).toMatch(/volume/);
    const result = await call('disk:prune', { target: 'volumes', all: true, labels: [pruneLabel], until: preview.until, ids: preview.items.map((i) => i.id) });
    expect(result.removed.map((i) => i.name).sort()).toEqual([...unused].sort());
    for (const n of unused) expect(await exists('volume', n)).toBe(false);
    expect(await exists('volume', inUse)).toBe(true);
    expect(await exists('volume', keep)).toBe(true);
    expect(apiVersion).toMatch(/^1\.\d+$/);
  });

  it('build cache: preview and prune name the same records, and an empty preview prunes nothing', async () => {
    const preview = await call('disk:prune-preview', { target: 'build-cache', labels: [] });
    const usage = await call('disk:usage', {});
    const expected = usage.buildCache.filter((b) => !b.inUse && !b.shared && b.type !== 'internal' && b.type !== 'frontend').map((b) => b.id).sort();
    expect(preview.items.map((i) => i.id).sort()).toEqual(expected);
    // Pruning other people's cache is not this test's to do: send an empty selection, which must touch nothing.
    const before = usage.buildCache.length;
    const r = await call('disk:prune', { target: 'build-cache', labels: [], until: preview.until, ids: [] }).catch((e: { api?: { code: string } }) => e.api);
    if (preview.items.length === 0) expect(r).toMatchObject({ removed: [], spaceReclaimed: 0 });
    else expect(r).toMatchObject({ code: 'conflict' });
    expect((await call('disk:usage', {})).buildCache.length).toBeGreaterThanOrEqual(before);
  });

  it('refuses bad label filters, naming the field', async () => {
    const r = await service.dispatcher.invoke('disk:prune-preview', { target: 'images', labels: ['has space'] });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.field).toBe('labels.0');
    const r2 = await service.dispatcher.invoke('disk:prune', { target: 'nope', until: 1 });
    expect(r2.ok).toBe(false);
  });
});

void TEST_LABEL;
