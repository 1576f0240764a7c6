/**
 * No registry credential reaches the renderer or a log. The real app server (`serve.ts`, browser
 * mode, as a child process) logs in to a real registry (docker-registry with htpasswd), pushes,
 * lists tags, pulls and logs out, driven over its WebSocket exactly as the page does. Every frame
 * the server sends to the client, everything it prints (stdout and stderr) and every file in its
 * data folder are searched for the password, a wrong password that was tried, and any base64 or
 * base64url form that decodes to either (`user:pass` for Basic auth, the JSON authconfig the
 * engine gets as X-Registry-Auth).
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type WebSocket from 'ws';
import type { ServerMessage, TransferEvent } from '../../main/contract';
import { startAppServer, stopAppServer, type AppServer } from '../support/app-server';
import { exchangeCode, openSocket } from '../support/browser-client';
import { testDocker } from '../support/engine';
import { WEB_IMAGE } from '../support/fixtures';
import { RUN_ID } from '../support/labels';
import { startRegistry, stopRegistry, tempDockerConfig, type TestRegistry } from '../support/registry';

const password = `pw-${randomBytes(12).toString('hex')}`;
const wrongPassword = `wrong-${randomBytes(12).toString('hex')}`;
let registry: TestRegistry;
let dockerConfig: string;
let server: AppServer;
let ws: WebSocket;
/** Every frame the server sent to this client, as received. */
const frames: string[] = [];
const events = new Map<string, unknown[]>();
let nextReq = 1;

function invoke(name: string, args: unknown): Promise<Extract<ServerMessage, { type: 'result' }>['result']> {
  const reqId = nextReq++;
  return new Promise((resolve) => {
    const onMessage = (data: WebSocket.RawData) => {
      const msg = JSON.parse(String(data)) as ServerMessage;
      if (msg.type === 'result' && msg.reqId === reqId) {
        ws.off('message', onMessage);
        resolve(msg.result);
      }
    };
    ws.on('message', onMessage);
    ws.send(JSON.stringify({ type: 'invoke', reqId, name, args }));
  });
}

/** Subscribes and waits for the transfer to end (done or failed); unsubscribes after. */
async function transfer(name: 'registry:push' | 'registry:pull', args: unknown): Promise<TransferEvent[]> {
  const reqId = nextReq++;
  ws.send(JSON.stringify({ type: 'subscribe', reqId, name, args }));
  const subId = await new Promise<string>((resolve, reject) => {
    const onMessage = (data: WebSocket.RawData) => {
      const msg = JSON.parse(String(data)) as ServerMessage;
      if (msg.type === 'subscribed' && msg.reqId === reqId) {
        ws.off('message', onMessage);
        if (msg.result.ok) resolve(msg.result.value);
        else reject(new Error(`${name} refused: ${msg.result.error.message}`));
      }
    };
    ws.on('message', onMessage);
  });
  const deadline = Date.now() + 60_000;
  for (;;) {
    const list = (events.get(subId) ?? []) as TransferEvent[];
    if (list.some((e) => e.type === 'done' || e.type === 'failed')) {
      ws.send(JSON.stringify({ type: 'unsubscribe', subId }));
      return list;
    }
    if (Date.now() > deadline) throw new Error(`${name} did not end: ${JSON.stringify(list.slice(-3))}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Whether `text` holds the secret as it is, or in any base64/base64url run that decodes to something holding it. */
function leaks(text: string, secret: string): boolean {
  if (text.includes(secret)) return true;
  for (const run of text.match(/[A-Za-z0-9+/_-]{12,}={0,2}/g) ?? []) {
    // Try every alignment: the encoded secret may sit in the middle of a longer value.
    for (let start = 0; start < 4; start++) {
      const decoded = Buffer.from(run.slice(start).replace(/-/g, '+').replace(/_/g, '/'), 'base64').toString('latin1');
      if (decoded.includes(secret)) return true;
    }
  }
  return false;
}

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { recursive: true, withFileTypes: true }).filter((d) => d.isFile()).map((d) => path.join(d.parentPath, d.name));
}

const repository = () => `${registry.host}/dockside-test/creds-${RUN_ID.toLowerCase().replace(/[^a-z0-9]/g, '')}`;

beforeAll(async () => {
  registry = await startRegistry('learner', password);
  dockerConfig = tempDockerConfig();
  server = await startAppServer({ DOCKER_CONFIG: dockerConfig });
  const secret = await exchangeCode(server.origin, await server.link());
  const opened = await openSocket(Number(new URL(server.origin).port), { secret });
  if (!opened.ws) throw new Error(`the socket did not open (${opened.status})`);
  ws = opened.ws;
  ws.on('message', (data) => {
    const text = String(data);
    frames.push(text);
    const msg = JSON.parse(text) as ServerMessage;
    // Events of one macrotask come as one 'events' message (main/browser/server.ts).
    for (const e of msg.type === 'event' ? [msg] : msg.type === 'events' ? msg.events : []) events.set(e.subId, [...(events.get(e.subId) ?? []), e.event]);
  });
}, 60_000);

afterAll(async () => {
  ws?.close();
  // The registry tag made here is not labelled (a tag of the fixture image): remove it by name.
  await testDocker().getImage(`${repository()}:1`).remove().catch(() => undefined);
  if (server) await stopAppServer(server);
  await stopRegistry(registry);
  if (dockerConfig) fs.rmSync(dockerConfig, { recursive: true, force: true });
});

describe('registry credentials', () => {
  it('never reach the client, the server output or its data folder: login (wrong, right), push, tags, pull, logout', async () => {
    const tag = `${repository()}:1`;
    expect(await invoke('tags:add', { image: WEB_IMAGE, tag })).toMatchObject({ ok: true });

    const wrong = await invoke('registry:login', { registry: registry.host, username: 'learner', password: wrongPassword });
    expect(wrong).toMatchObject({ ok: false, error: { message: expect.stringMatching(/401|unauthorized/i) } });

    const login = await invoke('registry:login', { registry: registry.host, username: 'learner', password });
    expect(login).toMatchObject({ ok: true, value: { message: 'Login Succeeded', username: 'learner', storedIn: 'config.json' } });
    // The credential is stored (like the CLI's config.json), so the steps below really use it.
    const stored = JSON.parse(fs.readFileSync(path.join(dockerConfig, 'config.json'), 'utf8')) as { auths: Record<string, { auth: string }> };
    expect(Buffer.from(stored.auths[registry.host]!.auth, 'base64').toString()).toBe(`learner:${password}`);
    expect(await invoke('registry:logins', {})).toEqual({ ok: true, value: [{ registry: registry.host, username: 'learner', storedIn: 'config.json' }] });

    const pushed = await transfer('registry:push', { repository: repository(), tag: '1' });
    expect(pushed.find((e) => e.type === 'failed')).toBeUndefined();
    expect(pushed.some((e) => e.type === 'tag-done')).toBe(true);
    expect(await invoke('registry:tags', { repository: repository() })).toEqual({ ok: true, value: { repository: repository(), tags: ['1'] } });

    expect(await invoke('tags:remove', { tag })).toMatchObject({ ok: true });
    const pulled = await transfer('registry:pull', { reference: tag });
    expect(pulled.find((e) => e.type === 'failed')).toBeUndefined();
    expect(pulled.some((e) => e.type === 'done')).toBe(true);
    expect(await invoke('tags:remove', { tag })).toMatchObject({ ok: true });

    expect(await invoke('registry:logout', { registry: registry.host })).toMatchObject({ ok: true });
    // The last answer is in: everything the client got is in `frames`.

    const secrets = { password, 'the wrong password': wrongPassword, 'user:password': `learner:${password}` };
    const output = server.output();
    expect(output).toContain('Dockside is running in browser mode');
    expect(frames.length).toBeGreaterThan(10);
    const dataFiles = filesUnder(server.dataDir);
    for (const [what, secret] of Object.entries(secrets)) {
      expect(frames.filter((f) => leaks(f, secret)), `${what} in a frame sent to the client`).toEqual([]);
      expect(leaks(output, secret), `${what} in the server's output`).toBe(false);
      for (const f of dataFiles) expect(leaks(fs.readFileSync(f, 'latin1'), secret), `${what} in ${f}`).toBe(false);
    }
    // The check itself finds an encoded secret (so a pass above means something).
    expect(leaks(`X-Registry-Auth: ${Buffer.from(JSON.stringify({ username: 'learner', password })).toString('base64url')}`, password)).toBe(true);
    expect(leaks(`Authorization: Basic ${Buffer.from(`learner:${password}`).toString('base64')}`, `learner:${password}`)).toBe(true);
  }, 120_000);
});
