/**
 * Browser mode's guard, against the real server and engine: the one-time link and its session
 * secret, Host and Origin checks, and hostile requests (with and without the secret) that must
 * each get a 4xx or a clean close while the server keeps answering.
 */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type WebSocket from 'ws';
import { startBrowserServer, type BrowserServer } from '../../main/browser/server';
import { CLIENT_LIMITS } from '../../main/service/client-session';
import { createService, type Service } from '../../main/service/create-service';
import { exchangeCode, openSocket, rawRequest } from '../support/browser-client';
import { waitFor } from '../support/engine';

let service: Service;
let server: BrowserServer;
let secret: string;
const staticDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dockside-static-'));

beforeAll(async () => {
  fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>Dockside</title>');
  fs.mkdirSync(path.join(staticDir, 'assets'));
  fs.writeFileSync(path.join(staticDir, 'assets/app.js'), 'console.log(1)');
  service = await createService({ dataDir: staticDir });
  server = await startBrowserServer({ dispatcher: service.dispatcher, staticDir });
  secret = await exchangeCode(server.origin, server.newLink());
});

afterAll(async () => {
  await server.close();
  service.close();
  fs.rmSync(staticDir, { recursive: true, force: true });
});

const base = () => server.origin;

/** Collects a socket's messages. */
function inbox(sock: WebSocket) {
  const messages: Record<string, unknown>[] = [];
  sock.on('message', (d) => messages.push(JSON.parse(String(d)) as Record<string, unknown>));
  return messages;
}

async function stillServing(): Promise<void> {
  const res = await fetch(`${base()}/`);
  expect(res.status).toBe(200);
}

describe('browser-mode server: the secret', () => {
  it('binds to 127.0.0.1 only and prints a link whose code is in the fragment', () => {
    expect(server.url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${server.port}/#code=[A-Za-z0-9_-]{32}$`));
  });

  it('serves the static page to anyone, with a CSP and without any cookie', async () => {
    const page = await fetch(`${base()}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toMatch(/script-src 'self'/);
    expect(page.headers.get('set-cookie')).toBeNull();
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');
    expect((await fetch(`${base()}/assets/app.js`)).status).toBe(200);
  });

  it('trades a code once: a second use is refused', async () => {
    const link = server.newLink();
    expect(await exchangeCode(server.origin, link)).toMatch(/^[A-Za-z0-9_-]{32}$/);
    await expect(exchangeCode(server.origin, link)).rejects.toThrow(/401/);
  });

  it('refuses the exchange from another Origin, without JSON, or with a wrong code', async () => {
    const code = /#code=(.+)$/.exec(server.newLink())![1]!;
    const post = (headers: Record<string, string>, body: string) => fetch(`${base()}/api/session`, { method: 'POST', headers, body });
    expect((await post({ 'Content-Type': 'application/json', Origin: 'http://127.0.0.1:1' }, JSON.stringify({ code }))).status).toBe(403);
    expect((await post({ 'Content-Type': 'text/plain', Origin: base() }, JSON.stringify({ code }))).status).toBe(415);
    expect((await post({ 'Content-Type': 'application/json', Origin: base() }, '{"code":"nope"}')).status).toBe(401);
    expect((await post({ 'Content-Type': 'application/json', Origin: base() }, '{not json')).status).toBe(400);
    expect((await post({ 'Content-Type': 'application/json', Origin: base() }, JSON.stringify({ code: 'x'.repeat(10_000) }))).status).toBe(413);
    // The refused attempts did not spend it.
    expect(await exchangeCode(server.origin, `${base()}/#code=${code}`)).toBeTruthy();
  });

  it('says whether a session secret is still valid', async () => {
    const check = (s: string) => fetch(`${base()}/api/session`, { method: 'POST', headers: { 'Content-Type': 'application/json', Origin: base() }, body: JSON.stringify({ secret: s }) });
    expect((await check(secret)).status).toBe(200);
    expect((await check('nope')).status).toBe(401);
  });

  it('refuses a foreign Host header (DNS rebinding) with 403', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const req = http.request(`${base()}/`, { headers: { Host: `evil.example:${server.port}` } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(403);
  });

  it('refuses WebSockets without the secret (401) or from another Origin (403)', async () => {
    expect((await openSocket(server.port)).status).toBe(401);
    expect((await openSocket(server.port, { secret: 'wrong' })).status).toBe(401);
    expect((await openSocket(server.port, { secret, origin: 'http://evil.example' })).status).toBe(403);
    expect((await openSocket(server.port, { secret, origin: `http://127.0.0.1:${server.port + 1}` })).status).toBe(403);
    expect((await openSocket(server.port, { secret, origin: null })).status).toBe(403);
    // The secret in the URL query is not how it is presented, and does not work.
    expect((await rawRequest(server.port, `GET /api?token=${secret} HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nOrigin: ${base()}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n`)).status).toBe(401);
  });

  it('answers calls over the socket and closes its subscriptions when the socket goes', async () => {
    const { ws: sock } = await openSocket(server.port, { secret });
    expect(sock).toBeDefined();
    expect(sock!.protocol).toBe('dockside');
    const messages = inbox(sock!);
    sock!.send(JSON.stringify({ type: 'invoke', reqId: 1, name: 'containers:list', args: { all: true } }));
    sock!.send(JSON.stringify({ type: 'invoke', reqId: 2, name: 'containers:stop', args: { id: '' } }));
    sock!.send(JSON.stringify({ type: 'subscribe', reqId: 3, name: 'containers:watch', args: {} }));
    await waitFor(() => messages.filter((m) => m.reqId).length === 3, 'three replies');
    expect(messages.find((m) => m.reqId === 1)).toMatchObject({ result: { ok: true } });
    expect(messages.find((m) => m.reqId === 2)).toMatchObject({ result: { ok: false, error: { field: 'id' } } });
    expect(service.dispatcher.activeSubscriptions()['containers:watch']).toBe(1);
    sock!.close();
    await waitFor(() => service.dispatcher.activeSubscriptions()['containers:watch'] === undefined, 'subscription closed with the socket');
    await waitFor(() => server.connectionCount() === 0, 'socket gone');
  });
});

describe('browser-mode server: hostile requests', () => {
  const host = () => `Host: 127.0.0.1:${server.port}\r\n`;
  const upgrade = 'Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n';

  it.each([
    ['a cookie that does not percent-decode', () => `GET / HTTP/1.1\r\n${host()}Cookie: dockside_token=%\r\n\r\n`, 200],
    ['an absolute-form target with a bad port', () => `GET http://a:99999/ HTTP/1.1\r\n${host()}\r\n`, 400],
    ['an absolute-form target that does not parse', () => `GET http://[ HTTP/1.1\r\n${host()}\r\n`, 400],
    ['a path that does not percent-decode', () => `GET /%E0 HTTP/1.1\r\n${host()}\r\n`, 400],
    ['a dot-dot path', () => `GET /../../etc/passwd HTTP/1.1\r\n${host()}\r\n`, 400],
    ['an encoded dot-dot path', () => `GET /%2e%2e/%2e%2e/etc/passwd HTTP/1.1\r\n${host()}\r\n`, 400],
    ['a NUL in the path', () => `GET /a%00b HTTP/1.1\r\n${host()}\r\n`, 400],
    ['an asterisk target', () => `OPTIONS * HTTP/1.1\r\n${host()}\r\n`, 400],
    ['no Host at all', () => `GET / HTTP/1.0\r\n\r\n`, 403],
    ['a method we do not serve', () => `DELETE / HTTP/1.1\r\n${host()}\r\n`, 405],
    ['a download ticket that does not exist', () => `GET /download/nope HTTP/1.1\r\n${host()}\r\n`, 404],
    ['a WebSocket upgrade with a broken cookie', () => `GET /api HTTP/1.1\r\n${host()}Origin: http://127.0.0.1:${server.port}\r\nCookie: dockside_token=%\r\n${upgrade}\r\n`, 401],
    ['a WebSocket upgrade to an absolute-form target', () => `GET http://[ HTTP/1.1\r\n${host()}${upgrade}\r\n`, 404],
    ['a WebSocket upgrade on a bad path', () => `GET /%E0 HTTP/1.1\r\n${host()}${upgrade}\r\n`, 404],
    ['garbage instead of HTTP', () => `\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03\r\n\r\n`, 400],
    ['a header line without a colon', () => `GET / HTTP/1.1\r\n${host()}no colon here\r\n\r\n`, 400],
  ])('%s gets an answer and the server goes on', async (_what, bytes, status) => {
    expect((await rawRequest(server.port, bytes())).status).toBe(status);
    await stillServing();
  });

  it('with the secret, malformed WebSocket messages each get an error naming what was wrong', async () => {
    const { ws: sock } = await openSocket(server.port, { secret });
    const messages = inbox(sock!);
    const sends: [string | Buffer, RegExp][] = [
      ['not json at all', /not JSON/],
      ['{"type":"invoke"}', /"reqId"/],
      ['{"type":"invoke","reqId":5,"name":"nope:nope","args":{}}', /Unknown call .*nope:nope/],
      ['{"type":"teleport","reqId":6}', /"type"/],
      ['[]', /Message/],
      ['null', /Message/],
      ['{"type":"invoke","reqId":-1,"name":"containers:list","args":{}}', /"reqId"/],
      ['{"type":"unsubscribe","subId":"not-mine"}', /.*/],
      [Buffer.from([0, 1, 2, 255]), /Binary messages/],
      ['{"type":"invoke","reqId":7,"name":"containers:inspect","args":{"id":"web//1"}}', /"id"/],
      ['{"type":"invoke","reqId":8,"name":"containers:inspect","args":{"id":"../.."}}', /"id"/],
      [JSON.stringify({ type: 'invoke', reqId: 9, name: 'containers:list', args: { pad: 'x'.repeat(CLIENT_LIMITS.messageBytes + 10) } }), /too large/],
    ];
    for (const [data] of sends) sock!.send(data);
    await waitFor(() => messages.length === sends.length, `${sends.length} answers`, 15_000);
    const texts = messages.map((m) => JSON.stringify(m));
    for (const [, pattern] of sends) expect(texts.some((t) => pattern.test(t)), String(pattern)).toBe(true);
    expect(messages.find((m) => m.type === 'unsubscribed')).toMatchObject({ ok: false });
    sock!.close();
    await stillServing();
  });

  it('a WebSocket frame that breaks the protocol closes that socket cleanly and nothing else', async () => {
    const { ws: sock } = await openSocket(server.port, { secret });
    const closed = new Promise<number>((r) => sock!.on('close', (code) => r(code)));
    // An unmasked client frame with a reserved bit set: the server must close with a protocol error.
    (sock as unknown as { _socket: import('node:net').Socket })._socket.write(Buffer.from([0xf1, 0x02, 0x41, 0x42]));
    expect([1002, 1006]).toContain(await closed);
    await stillServing();
    const again = await openSocket(server.port, { secret });
    expect(again.ws).toBeDefined();
    again.ws!.close();
  });
});
