/**
 * Saving a log, against the real engine: the desktop's dialog answer (a path main got from the
 * native save dialog) may name an existing file, a symlink or a relative path: each is refused
 * with the field named and nothing outside is touched. In browser mode the log is a one-time,
 * streamed download with Content-Disposition.
 */
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
let desktop: Service;
let browser: Service;
let server: BrowserServer;
let containerId = '';
const downloads = new DownloadTickets();

beforeAll(async () => {
  fs.mkdirSync(home);
  fs.mkdirSync(outside);
  // The desktop service: its save dialog answers whatever the test sets.
  desktop = await createService({ dataDir: path.join(root, 'data'), chooseSavePath: async () => answer });
  browser = await createService({ dataDir: path.join(root, 'data2'), offerDownload: (o) => downloads.offer(o) });
  const staticDir = path.join(root, 'static');
  fs.mkdirSync(staticDir);
  fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html>');
  server = await startBrowserServer({ dispatcher: browser.dispatcher, staticDir, downloads });
  const c = await runContainer({ name: testName('save-paths'), image: WEB_IMAGE, cmd: ['sh', '-c', 'seq 1 3000; sleep 300'] });
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
