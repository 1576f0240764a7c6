/** Browser mode's guard: token, Host and Origin, on HTTP and on the WebSocket. */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startBrowserServer, type BrowserServer } from '../../main/browser/server';
import { createService, type Service } from '../../main/service/create-service';
import { waitFor } from '../support/engine';

let service: Service;
let server: BrowserServer;
const staticDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dockside-static-'));

beforeAll(async () => {
  fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>Dockside</title>');
  service = await createService({ dataDir: staticDir });
  server = await startBrowserServer({ dispatcher: service.dispatcher, staticDir });
});

afterAll(async () => {
  await server.close();
  service.close();
  fs.rmSync(staticDir, { recursive: true, force: true });
});

const base = () => `http://127.0.0.1:${server.port}`;

function ws(query: string, headers: Record<string, string>): Promise<{ ws?: WebSocket; status?: number }> {
  return new Promise((resolve) => {
    const sock = new WebSocket(`ws://127.0.0.1:${server.port}/api${query}`, { headers });
    sock.on('open', () => resolve({ ws: sock }));
    sock.on('unexpected-response', (_req, res) => resolve({ status: res.statusCode }));
    sock.on('error', () => resolve({}));
  });
}

describe('browser-mode server', () => {
  it('binds to 127.0.0.1 only and prints a tokened URL', () => {
    expect(server.url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${server.port}/\\?token=[A-Za-z0-9_-]{32}$`));
  });

  it('refuses pages without the token (401) and serves them with it, setting the cookie', async () => {
    const none = await fetch(`${base()}/`);
    expect(none.status).toBe(401);
    const wrong = await fetch(`${base()}/?token=nope`);
    expect(wrong.status).toBe(401);
    const ok = await fetch(server.url);
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-security-policy')).toMatch(/script-src 'self'/);
    const cookie = ok.headers.get('set-cookie')!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    const withCookie = await fetch(`${base()}/assets/x.js`, { headers: { cookie: cookie.split(';')[0]! } });
    expect(withCookie.status).toBe(200);
  });

  it('refuses a foreign Host header (DNS rebinding) with 403', async () => {
    // fetch() may not set Host, so speak HTTP directly.
    const status = await new Promise<number>((resolve, reject) => {
      const req = http.request(server.url, { headers: { Host: `evil.example:${server.port}` } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(403);
  });

  it('refuses WebSockets without the token (401) or from another Origin (403)', async () => {
    const origin = `http://127.0.0.1:${server.port}`;
    expect((await ws('', { Origin: origin })).status).toBe(401);
    expect((await ws('?token=wrong', { Origin: origin })).status).toBe(401);
    expect((await ws(`?token=${server.token}`, { Origin: 'http://evil.example' })).status).toBe(403);
    expect((await ws(`?token=${server.token}`, {})).status).toBe(403);
  });

  it('answers calls over the socket and closes its subscriptions when the socket goes', async () => {
    const { ws: sock } = await ws(`?token=${server.token}`, { Origin: `http://127.0.0.1:${server.port}` });
    expect(sock).toBeDefined();
    const messages: { type: string; reqId?: number; result?: { ok: boolean } }[] = [];
    sock!.on('message', (d) => messages.push(JSON.parse(String(d))));
    sock!.send(JSON.stringify({ type: 'invoke', reqId: 1, name: 'containers:list', args: { all: true } }));
    sock!.send(JSON.stringify({ type: 'invoke', reqId: 2, name: 'containers:stop', args: { id: '' } }));
    sock!.send(JSON.stringify({ type: 'subscribe', reqId: 3, name: 'containers:watch', args: {} }));
    sock!.send('not json at all');
    await waitFor(() => messages.filter((m) => m.reqId).length === 3, 'three replies');
    expect(messages.find((m) => m.reqId === 1)?.result?.ok).toBe(true);
    expect(messages.find((m) => m.reqId === 2)?.result).toMatchObject({ ok: false, error: { field: 'id' } });
    expect(service.dispatcher.activeSubscriptions()['containers:watch']).toBe(1);
    sock!.close();
    await waitFor(() => service.dispatcher.activeSubscriptions()['containers:watch'] === undefined, 'subscription closed with the socket');
    await waitFor(() => server.connectionCount() === 0, 'socket gone');
  });
});
