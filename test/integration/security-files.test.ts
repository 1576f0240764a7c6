/**
 * Saving a log or a container's file, against the real engine: the desktop's dialog answer (a
 * path main got from the native save dialog) may name an existing file, a symlink or a relative
 * path: each is refused with the field named and nothing outside is touched. In browser mode the
 * log is a one-time, streamed download with Content-Disposition. Build contexts: the desktop's
 * folder comes from the native folder dialog; browser mode has none (the typed path stays).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LogsSaveResult, Result } from '../../main/contract';
import { DownloadTickets } from '../../main/browser/downloads';
import { startBrowserServer, type BrowserServer } from '../../main/browser/server';
import { createService, type Service } from '../../main/service/create-service';
import { runContainer, waitFor } from '../support/engine';
import { WEB_IMAGE } from '../support/fixtures';
import { testName } from '../support/labels';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'dockside-save-'));
const home = path.join(root, 'home');
const outside = path.join(root, 'outside');
let answer: string | undefined;
let folderAnswer: string | undefined;
let foldersAsked = 0;
let desktop: Service;
let browser: Service;
let server: BrowserServer;
let containerId = '';
const downloads = new DownloadTickets();

beforeAll(async () => {
  fs.mkdirSync(home);
  fs.mkdirSync(outside);
  // The desktop service: its save dialog answers whatever the test sets.
  desktop = await createService({
    dataDir: path.join(root, 'data'),
    chooseSavePath: async () => answer,
    chooseFolder: async () => {
      foldersAsked++;
      return folderAnswer;
    },
  });
  browser = await createService({ dataDir: path.join(root, 'data2'), offerDownload: (o) => downloads.offer(o) });
  const staticDir = path.join(root, 'static');
  fs.mkdirSync(staticDir);
  fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html>');
  server = await startBrowserServer({ dispatcher: browser.dispatcher, staticDir, downloads });
  const c = await runContainer({ name: testName('save-paths'), image: WEB_IMAGE, cmd: ['sh', '-c', 'mkdir -p /srv/notes && echo kept > /srv/notes/a.txt; seq 1 3000; sleep 300'] });
  containerId = c.id;
  await waitFor(async () => (await c.logs({ stdout: true, tail: 1 })).toString().includes('3000'), 'the log is written');
});

afterAll(async () => {
  await server?.close();
  desktop?.close();
  browser?.close();
  fs.rmSync(root, { recursive: true, force: true });
});

const save = (svc: Service) => svc.dispatcher.invoke('logs:save', { id: containerId }) as Promise<Result<LogsSaveResult>>;

describe('logs:save in the desktop app (path from the native dialog)', () => {
  it('writes a new file where the dialog said, and shows a quoted command', async () => {
    answer = path.join(home, "it's my log.txt");
    const r = await save(desktop);
    expect(r).toMatchObject({ ok: true, value: { kind: 'saved', path: answer, lines: 3000 } });
    expect(fs.readFileSync(answer, 'utf8').split('\n')[2999]).toBe('3000');
    if (r.ok) expect(r.value.command).toMatch(/> '.*it'"'"'s my log\.txt'$/);
  });

  it('says "cancelled" when the dialog was cancelled, and writes nothing', async () => {
    answer = undefined;
    const before = fs.readdirSync(home).length;
    expect(await save(desktop)).toMatchObject({ ok: true, value: { kind: 'cancelled' } });
    expect(fs.readdirSync(home).length).toBe(before);
  });

  it('never replaces an existing file', async () => {
    answer = path.join(home, 'existing.txt');
    fs.writeFileSync(answer, 'keep me');
    const r = await save(desktop);
    expect(r).toMatchObject({ ok: false, error: { field: 'path', message: expect.stringMatching(/already exists/) } });
    expect(fs.readFileSync(answer, 'utf8')).toBe('keep me');
  });

  it('never writes through a symlink, to an existing target or a missing one', async () => {
    const keys = path.join(outside, 'authorized_keys');
    fs.writeFileSync(keys, 'ssh-ed25519 AAAA me');
    answer = path.join(home, 'log-link.txt');
    fs.symlinkSync(keys, answer);
    expect(await save(desktop)).toMatchObject({ ok: false, error: { field: 'path' } });
    expect(fs.readFileSync(keys, 'utf8')).toBe('ssh-ed25519 AAAA me');

    const cron = path.join(outside, 'cron-job');
    answer = path.join(home, 'dangling.txt');
    fs.symlinkSync(cron, answer);
    expect(await save(desktop)).toMatchObject({ ok: false, error: { field: 'path' } });
    expect(fs.existsSync(cron)).toBe(false);
  });

  it('refuses a relative path, a missing folder and a folder', async () => {
    for (const p of ['relative/log.txt', 'log.txt', path.join(home, 'no-such-folder', 'log.txt'), home]) {
      answer = p;
      const r = await save(desktop);
      expect(r, p).toMatchObject({ ok: false, error: { field: 'path' } });
    }
    expect(fs.existsSync(path.join(process.cwd(), 'log.txt'))).toBe(false);
  });
});

describe('logs:save in browser mode (a streamed download)', () => {
  it('answers with a one-time URL that streams the log as an attachment', async () => {
    const r = await save(browser);
    expect(r).toMatchObject({ ok: true, value: { kind: 'download' } });
    if (!r.ok || r.value.kind !== 'download') return;
    expect(r.value.url).toMatch(/^\/download\/[A-Za-z0-9_-]+$/);
    const res = await fetch(server.origin + r.value.url);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toMatch(new RegExp(`^attachment; filename="${r.value.fileName.replace(/[.]/g, '\\.')}"`));
    expect(res.headers.get('set-cookie')).toBeNull();
    const lines = (await res.text()).split('\n');
    expect(lines[0]).toBe('1');
    expect(lines[2999]).toBe('3000');
    // The same link again: gone.
    expect((await fetch(server.origin + r.value.url)).status).toBe(404);
  });
});

describe('files:download in the desktop app (path from the native dialog, never from the renderer)', () => {
  const download = () => desktop.dispatcher.invoke('files:download', { target: { kind: 'container', id: containerId }, path: '/srv/notes' });

  it('writes the tar where the dialog said; cancelled writes nothing', async () => {
    answer = path.join(home, 'notes.tar');
    const r = await download();
    expect(r).toMatchObject({ ok: true, value: { kind: 'saved', path: answer } });
    expect(execFileSync('tar', ['-xOf', answer, 'notes/a.txt'], { encoding: 'utf8' })).toBe('kept\n');
    answer = undefined;
    const before = fs.readdirSync(home).length;
    expect(await download()).toMatchObject({ ok: true, value: { kind: 'cancelled' } });
    expect(fs.readdirSync(home).length).toBe(before);
  });

  it('never replaces an existing file nor writes through a symlink', async () => {
    answer = path.join(home, 'taken.tar');
    fs.writeFileSync(answer, 'keep me');
    expect(await download()).toMatchObject({ ok: false, error: { field: 'path', message: expect.stringMatching(/already exists/) } });
    expect(fs.readFileSync(answer, 'utf8')).toBe('keep me');
    const target = path.join(outside, 'profile');
    answer = path.join(home, 'link.tar');
    fs.symlinkSync(target, answer);
    expect(await download()).toMatchObject({ ok: false, error: { field: 'path' } });
    expect(fs.existsSync(target)).toBe(false);
  });

  it('refuses a path named by the caller (the contract has no such field)', async () => {
    const r = await desktop.dispatcher.invoke('files:download', { target: { kind: 'container', id: containerId }, path: '/srv/notes', saveTo: path.join(home, 'x.tar') });
    expect(r).toMatchObject({ ok: false });
    expect(fs.existsSync(path.join(home, 'x.tar'))).toBe(false);
  });
});

describe('build contexts', () => {
  it('desktop: the folder comes from the native folder dialog, and is then sized like a typed one', async () => {
    const ctx = path.join(home, 'shop');
    fs.mkdirSync(ctx);
    fs.writeFileSync(path.join(ctx, 'Dockerfile'), 'FROM scratch\n');
    fs.writeFileSync(path.join(ctx, 'index.html'), '<h1>shop</h1>\n');
    expect(await desktop.dispatcher.invoke('dialogs:available', {})).toEqual({ ok: true, value: { chooseFolder: true, chooseSavePath: true } });
    folderAnswer = ctx;
    expect(await desktop.dispatcher.invoke('build:choose-context', {})).toEqual({ ok: true, value: { kind: 'chosen', contextPath: ctx } });
    expect(await desktop.dispatcher.invoke('build:check-context', { contextPath: ctx })).toMatchObject({ ok: true, value: { contextPath: ctx, fileCount: 2 } });
    folderAnswer = undefined;
    expect(await desktop.dispatcher.invoke('build:choose-context', {})).toEqual({ ok: true, value: { kind: 'cancelled' } });
    expect(foldersAsked).toBe(2);
    // The call takes no path: a caller cannot name the folder through it.
    expect(await desktop.dispatcher.invoke('build:choose-context', { contextPath: '/etc' })).toMatchObject({ ok: false });
    expect(foldersAsked).toBe(2);
  });

  it('browser mode: no folder dialog, so the form keeps the typed path', async () => {
    expect(await browser.dispatcher.invoke('dialogs:available', {})).toEqual({ ok: true, value: { chooseFolder: false, chooseSavePath: false } });
    expect(await browser.dispatcher.invoke('build:choose-context', {})).toMatchObject({ ok: true, value: { kind: 'unavailable', message: expect.stringMatching(/type the folder/) } });
  });
});
