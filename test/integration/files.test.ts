/**
 * The file browser against the real engine: list, read and download from a container (running
 * and stopped) and from a volume (through a helper container that must be gone afterwards), and
 * upload into a container.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallArgs, CallName, CallResult } from '../../main/contract';
import { DownloadTickets } from '../../main/browser/downloads';
import { startBrowserServer } from '../../main/browser/server';
import { HELPER_LABEL } from '../../main/files/file-browser';
import { createService, type Service } from '../../main/service/create-service';
import { cleanupRun, runContainer, testDocker, waitFor } from '../support/engine';
import { WEB_IMAGE } from '../support/fixtures';
import { RUN_ID, testLabels, testName } from '../support/labels';

let service: Service;
const docker = testDocker();
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dockside-files-int-'));
let running = '';
let stopped = '';
let volume = '';

async function call<N extends CallName>(name: N, args: CallArgs<N>): Promise<CallResult<N>> {
  const r = await service.dispatcher.invoke(name, args);
  if (!r.ok) throw Object.assign(new Error(`${name}: ${r.error.message}`), { api: r.error });
  return r.value as CallResult<N>;
}
const helpers = async () => (await docker.listContainers({ all: true, filters: { label: [`${HELPER_LABEL}=1`] } })).length;

beforeAll(async () => {
  service = await createService({ dataDir });
  await waitFor(() => service.engine.getStatus().state === 'connected', 'engine connected');
  volume = testName('files-vol');
  await docker.createVolume({ Name: volume, Labels: testLabels() });
  const script = [
    'mkdir -p /srv/app/sub /data/nested',
    'printf "hello from the container\\n" > /srv/app/readme.txt',
    'printf "\\000\\001\\002binary" > /srv/app/blob.bin',
    'head -c 1100000 /dev/zero | tr "\\000" a > /srv/app/big.txt',
    'ln -s readme.txt /srv/app/link.txt',
    'printf "kept in the volume\\n" > /data/nested/note.txt',
  ].join(' && ');
  running = testName('files-run');
  await runContainer({ name: running, image: WEB_IMAGE, cmd: ['sh', '-c', `${script} && sleep 600`], binds: [`${volume}:/data`] });
  await waitFor(async () => {
    const r = await service.dispatcher.invoke('files:list', { target: { kind: 'container', id: running }, path: '/data/nested' });
    return r.ok && (r.value as CallResult<'files:list'>).entries.length === 1;
  }, 'the container wrote its files');
  stopped = testName('files-stopped');
  const s = await runContainer({ name: stopped, image: WEB_IMAGE, cmd: ['sh', '-c', 'mkdir -p /out && echo done > /out/result.txt'] });
  await s.wait();
});
afterAll(async () => {
  service.close();
  await cleanupRun();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('container', () => {
  it('lists a folder: folders first, sizes, links, and the docker command', async () => {
    const l = await call('files:list', { target: { kind: 'container', id: running }, path: '/srv/app' });
    expect(l.entries.map((e) => `${e.type}:${e.name}`)).toEqual(['directory:sub', 'file:big.txt', 'file:blob.bin', 'symlink:link.txt', 'file:readme.txt']);
    expect(l.entries.find((e) => e.name === 'readme.txt')!.size).toBe(25);
    expect(l.entries.find((e) => e.name === 'link.txt')!.linkTarget).toBe('readme.txt');
    expect(l.truncated).toBe(false);
    expect(l.command).toBe(`docker cp ${running}:/srv/app - | tar -tv`);
    const root = await call('files:list', { target: { kind: 'container', id: running }, path: '/' });
    expect(root.entries.map((e) => e.name)).toEqual(expect.arrayContaining(['bin', 'srv', 'data', 'etc']));
  });

  it('reads text, follows a link, refuses binary and files over the limit', async () => {
    const t = { kind: 'container' as const, id: running };
    const text = await call('files:read', { target: t, path: '/srv/app/readme.txt' });
    expect(text).toMatchObject({ kind: 'text', text: 'hello from the container\n', size: 25 });
    expect((await call('files:read', { target: t, path: '/srv/app/link.txt' })).kind).toBe('text');
    const bin = await call('files:read', { target: t, path: '/srv/app/blob.bin' });
    expect(bin.kind).toBe('binary');
    const big = await call('files:read', { target: t, path: '/srv/app/big.txt' });
    expect(big).toMatchObject({ kind: 'too-large', size: 1_100_000 });
    const missing = await service.dispatcher.invoke('files:read', { target: t, path: '/srv/app/nope.txt' });
    expect(missing.ok).toBe(false);
    if (!missing.ok) expect(missing.error).toMatchObject({ code: 'not-found', field: 'path' });
    const bad = await service.dispatcher.invoke('files:list', { target: t, path: '/srv/../etc' });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error.field).toBe('path');
  });

  it('reads from a stopped container', async () => {
    const r = await call('files:read', { target: { kind: 'container', id: stopped }, path: '/out/result.txt' });
    expect(r).toMatchObject({ kind: 'text', text: 'done\n' });
  });

  it('downloads a folder as a tar that `tar` can read', async () => {
    const d = await call('files:download', { target: { kind: 'container', id: running }, path: '/srv/app' });
    if (d.kind !== 'saved') throw new Error(`expected a saved file, got ${d.kind}`);
    expect(d.path.startsWith(path.join(dataDir, 'downloads'))).toBe(true);
    expect(fs.statSync(d.path).size).toBe(d.bytes);
    const names = execFileSync('tar', ['-tf', d.path], { encoding: 'utf8' }).split('\n').filter(Boolean).sort();
    expect(names).toEqual(['app/', 'app/big.txt', 'app/blob.bin', 'app/link.txt', 'app/readme.txt', 'app/sub/']);
    expect(d.command).toContain(`docker cp ${running}:/srv/app - >`);
  });

  it('uploads a file into a folder, and refuses a folder that does not exist', async () => {
    const content = Buffer.from(`uploaded ${RUN_ID}\n`);
    const u = await call('files:upload', { target: { kind: 'container', id: running }, folder: '/srv/app/sub', name: 'up.txt', contentBase64: content.toString('base64') });
    expect(u).toMatchObject({ path: '/srv/app/sub/up.txt', bytes: content.length, command: `docker cp up.txt ${running}:/srv/app/sub` });
    const seen = execFileSync('docker', ['exec', running, 'cat', '/srv/app/sub/up.txt'], { encoding: 'utf8' });
    expect(seen).toBe(content.toString());
    const r = await service.dispatcher.invoke('files:upload', { target: { kind: 'container', id: running }, folder: '/no/such', name: 'x.txt', contentBase64: 'eA==' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.field).toBe('folder');
    const badName = await service.dispatcher.invoke('files:upload', { target: { kind: 'container', id: running }, folder: '/srv', name: '../x', contentBase64: 'eA==' });
    expect(badName.ok).toBe(false);
  });
});

describe('volume (through a helper container, removed right after)', () => {
  it('lists, reads and downloads; no helper is left behind', async () => {
    const t = { kind: 'volume' as const, name: volume };
    const before = await helpers();
    const l = await call('files:list', { target: t, path: '/' });
    expect(l.entries.map((e) => e.name)).toEqual(['nested']);
    expect(l.via).toMatch(/helper container/);
    expect(l.command).toContain(`-v ${volume}:/volume:ro`);
    const r = await call('files:read', { target: t, path: '/nested/note.txt' });
    expect(r).toMatchObject({ kind: 'text', text: 'kept in the volume\n' });
    const d = await call('files:download', { target: t, path: '/nested' });
    if (d.kind !== 'saved') throw new Error(`expected a saved file, got ${d.kind}`);
    expect(execFileSync('tar', ['-xOf', d.path, 'nested/note.txt'], { encoding: 'utf8' })).toBe('kept in the volume\n');
    expect(await helpers()).toBe(before);
    const up = await service.dispatcher.invoke('files:upload', { target: t, folder: '/', name: 'x.txt', contentBase64: 'eA==' });
    expect(up.ok).toBe(false);
  });
});

describe('browser mode download (one-time ticket, streamed by the app server)', () => {
  it('streams the tar once, then the link is gone; the helper goes when the stream ends', async () => {
    const tickets = new DownloadTickets();
    const browserService = await createService({ dataDir, offerDownload: (o) => tickets.offer(o) });
    await waitFor(() => browserService.engine.getStatus().state === 'connected', 'engine connected');
    const staticDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dockside-static-'));
    const server = await startBrowserServer({ dispatcher: browserService.dispatcher, staticDir, downloads: tickets });
    const before = await helpers();
    try {
      const r = await browserService.dispatcher.invoke('files:download', { target: { kind: 'volume', name: volume }, path: '/nested' });
      if (!r.ok) throw new Error(r.error.message);
      const link = r.value as CallResult<'files:download'>;
      if (link.kind !== 'download') throw new Error(`expected a download link, got ${link.kind}`);
      expect(link.fileName).toBe('nested.tar');
      const url = `http://127.0.0.1:${server.port}${link.url}`;
      const res = await fetch(url);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-disposition')).toContain('attachment; filename="nested.tar"');
      const file = path.join(dataDir, 'from-browser.tar');
      fs.writeFileSync(file, Buffer.from(await res.arrayBuffer()));
      expect(execFileSync('tar', ['-xOf', file, 'nested/note.txt'], { encoding: 'utf8' })).toBe('kept in the volume\n');
      expect((await fetch(url)).status).toBe(404);
      await waitFor(async () => (await helpers()) <= before, 'the helper container removed');
    } finally {
      await server.close();
      browserService.close();
      fs.rmSync(staticDir, { recursive: true, force: true });
    }
  });
});
