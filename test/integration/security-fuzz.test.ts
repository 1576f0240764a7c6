/**
 * Seeded fuzz of every contract entry, through both transports, against the real engine behind a
 * counting socket proxy:
 * - over the browser-mode WebSocket: hostile arguments for every entry plus malformed envelopes;
 * - through the Electron IPC handler (with the mocked `electron` module): the same, plus values
 *   only structured clone can carry (cycles, BigInt).
 * Asserted: every message answered, 0 crashes or unhandled rejections, and not one engine request
 * while only invalid messages were flowing. Then read-only valid calls with random names, whose
 * engine errors (404s) must come back as data. Replay a failure with DOCKSIDE_FUZZ_SEED=<seed>.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type WebSocket from 'ws';
import { IPC } from '../../main/contract';
import { startBrowserServer, type BrowserServer } from '../../main/browser/server';
import { registerIpc } from '../../main/electron/ipc';
import { processEndpointEnv } from '../../main/engine/engine-manager';
import { CLIENT_LIMITS } from '../../main/service/client-session';
import { createService, type Service } from '../../main/service/create-service';
import { exchangeCode, openSocket } from '../support/browser-client';
import { countingProxy, type CountingProxy } from '../support/counting-proxy';
import { waitFor } from '../support/engine';
import { contractEntries, hostileArgs, HOSTILE_STRINGS, malformedFrame, prng, READ_ONLY_VALID } from '../support/fuzz';
import { handlers, knownWebContents } from '../mocks/electron';

vi.mock('electron', async () => await import('../mocks/electron'));

const SEED = Number(process.env.DOCKSIDE_FUZZ_SEED ?? 20261128);
const WS_MESSAGES = 6000;
const IPC_MESSAGES = 5000;

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dockside-fuzz-'));
let proxy: CountingProxy;
let service: Service;
let server: BrowserServer;
let secret: string;
const escaped: unknown[] = [];
const onEscape = (err: unknown) => escaped.push(err);

/** Engine requests other than the connection's own upkeep (ping, info, version, the event stream). */
const engineWork = () => proxy.requests.filter((r) => !/^(GET|HEAD) \/(v[\d.]+\/)?(_ping|info|version|events)\b/.test(r));

beforeAll(async () => {
  process.on('uncaughtException', onEscape);
  process.on('unhandledRejection', onEscape);
  proxy = await countingProxy(path.join(dir, 'engine.sock'));
  const base = processEndpointEnv();
  service = await createService({
    dataDir: path.join(dir, 'data'),
    endpointEnv: { ...base, env: { ...base.env, DOCKER_HOST: `unix://${proxy.socketPath}`, DOCKER_CONTEXT: undefined } },
  });
  await waitFor(() => service.engine.getStatus().state === 'connected', 'the engine behind the proxy');
  fs.mkdirSync(path.join(dir, 'static'));
  fs.writeFileSync(path.join(dir, 'static/index.html'), '<!doctype html>');
  server = await startBrowserServer({ dispatcher: service.dispatcher, staticDir: path.join(dir, 'static') });
  secret = await exchangeCode(server.origin, server.newLink());
});

afterAll(async () => {
  await server?.close();
  service?.close();
  await proxy?.close();
  process.off('uncaughtException', onEscape);
  process.off('unhandledRejection', onEscape);
  fs.rmSync(dir, { recursive: true, force: true });
});

type Reply = { type: string; reqId?: number | null; subId?: string; ok?: boolean; result?: { ok: boolean; error?: { code: string; message: string } }; error?: { code: string; message: string } };

function replies(sock: WebSocket): Reply[] {
  const out: Reply[] = [];
  sock.on('message', (d) => {
    const m = JSON.parse(String(d)) as Reply;
    if (m.type !== 'event' && m.type !== 'events' && m.type !== 'sub-error') out.push(m);
  });
  return out;
}

/** A hostile argument set the contract refuses (tries a few, then falls back to a non-object). */
function invalidArgs(entry: ReturnType<typeof contractEntries>[number], rnd: () => number): unknown {
  for (let i = 0; i < 20; i++) {
    const args = hostileArgs(entry, rnd);
    if (!entry.schema.safeParse(args ?? {}).success) return args;
  }
  return 'not an object';
}

describe(`fuzz (seed ${SEED})`, () => {
  const entries = contractEntries();

  it(`answers ${WS_MESSAGES} hostile WebSocket messages over all ${entries.length} contract entries, and none reaches the engine`, async () => {
    const rnd = prng(SEED);
    const { ws } = await openSocket(server.port, { secret });
    expect(ws).toBeDefined();
    const got = replies(ws!);
    const workBefore = engineWork().length;
    const covered = new Set<string>();
    let sent = 0;
    for (let batch = 0; sent < WS_MESSAGES; batch++) {
      for (let i = 0; i < 500 && sent < WS_MESSAGES; i++, sent++) {
        const r = rnd();
        if (r < 0.1) {
          ws!.send(malformedFrame(rnd, sent));
          continue;
        }
        if (r < 0.13) {
          ws!.send(JSON.stringify({ type: 'unsubscribe', subId: HOSTILE_STRINGS[Math.floor(rnd() * HOSTILE_STRINGS.length)] }));
          continue;
        }
        const entry = entries[sent % entries.length]!;
        covered.add(entry.name);
        const name = r < 0.15 ? HOSTILE_STRINGS[Math.floor(rnd() * HOSTILE_STRINGS.length)] : entry.name;
        ws!.send(JSON.stringify({ type: entry.kind === 'call' ? 'invoke' : 'subscribe', reqId: sent, name, args: invalidArgs(entry, rnd) }));
      }
      await waitFor(() => got.length >= sent, `answers to ${sent} messages (have ${got.length})`, 30_000);
    }
    expect(got.length).toBe(sent);
    expect(covered.size).toBe(new Set(entries.map((e) => e.name)).size);
    // Every answer is a refusal carried as data, saying what was wrong.
    for (const m of got) {
      const error = m.type === 'unsubscribed' ? null : (m.result?.error ?? m.error);
      if (m.type === 'unsubscribed') expect(m.ok).toBe(false);
      else {
        expect(m.result?.ok ?? false, JSON.stringify(m)).toBe(false);
        expect(error?.message, JSON.stringify(m)).toBeTruthy();
        expect(['invalid-argument', 'limit']).toContain(error!.code);
      }
    }
    expect(engineWork().slice(workBefore)).toEqual([]);
    expect(service.dispatcher.activeSubscriptions()).toEqual({});
    ws!.close();
    expect(escaped).toEqual([]);
  }, 60_000);

  it(`answers ${IPC_MESSAGES} hostile IPC messages through the Electron handler, and none reaches the engine`, async () => {
    handlers.clear();
    const rnd = prng(SEED + 1);
    const unregister = registerIpc(service.dispatcher, 'app://dockside');
    const wc = { id: 424242, send: () => undefined, isDestroyed: () => false, once: () => undefined, on: () => undefined };
    knownWebContents.add(wc);
    const event = { sender: wc, senderFrame: { url: 'app://dockside/index.html', parent: null } };
    const workBefore = engineWork().length;
    const cyclic: Record<string, unknown> = { id: 'web' };
    cyclic.self = cyclic;
    let answered = 0;
    for (let sent = 0; sent < IPC_MESSAGES; ) {
      const batch: Promise<unknown>[] = [];
      for (let i = 0; i < 250 && sent < IPC_MESSAGES; i++, sent++) {
        const entry = entries[sent % entries.length]!;
        const r = rnd();
        const name: unknown = r < 0.05 ? HOSTILE_STRINGS[Math.floor(rnd() * HOSTILE_STRINGS.length)] : r < 0.07 ? { toString: 'x' } : r < 0.08 ? 12 : entry.name;
        const args: unknown = r > 0.97 ? cyclic : r > 0.95 ? { id: 10n ** 30n } : invalidArgs(entry, rnd);
        if (r > 0.9 && r <= 0.95) batch.push(Promise.resolve(handlers.get(IPC.unsubscribe)!(event, HOSTILE_STRINGS[Math.floor(rnd() * HOSTILE_STRINGS.length)])));
        else batch.push(Promise.resolve(handlers.get(entry.kind === 'call' ? IPC.invoke : IPC.subscribe)!(event, name, args)));
      }
      const results = await Promise.all(batch);
      for (const res of results) {
        answered++;
        if (typeof res === 'boolean') expect(res).toBe(false);
        else expect(res, JSON.stringify(res)).toMatchObject({ ok: false, error: { code: expect.stringMatching(/^(invalid-argument|limit)$/), message: expect.any(String) } });
      }
    }
    expect(answered).toBe(IPC_MESSAGES);
    expect(engineWork().slice(workBefore)).toEqual([]);
    expect(service.dispatcher.activeSubscriptions()).toEqual({});
    unregister();
    expect(escaped).toEqual([]);
  }, 60_000);

  it('read-only calls with valid but unknown names reach the engine, and its refusals come back as data', async () => {
    const rnd = prng(SEED + 2);
    const { ws } = await openSocket(server.port, { secret });
    const got = replies(ws!);
    const before = engineWork().length;
    const total = 240;
    for (let sent = 0; sent < total; ) {
      // Stay under the per-socket limit of calls in flight.
      for (let i = 0; i < 8 && sent < total; i++, sent++) {
        const c = READ_ONLY_VALID[sent % READ_ONLY_VALID.length]!;
        ws!.send(JSON.stringify({ type: 'invoke', reqId: sent, name: c.name, args: c.args(rnd) }));
      }
      await waitFor(() => got.length >= sent, `answers to ${sent} valid calls`, 30_000);
    }
    expect(got.length).toBe(total);
    const failures = got.filter((m) => !m.result?.ok);
    expect(failures.length).toBeGreaterThan(total / 2);
    for (const m of failures) expect(m.result?.error?.message).toBeTruthy();
    // They did reach the engine, each on a plain path.
    const work = engineWork().slice(before);
    expect(work.length).toBeGreaterThan(100);
    for (const line of work) expect(line).not.toMatch(/\/\/|\/\.\.?\/|%2e|%2f/i);
    ws!.close();
    expect(escaped).toEqual([]);
  }, 60_000);
});

describe('per-socket limits', () => {
  it(`caps open subscriptions at ${CLIENT_LIMITS.subscriptions} with a clear error, and the socket keeps working`, async () => {
    const { ws } = await openSocket(server.port, { secret });
    const got = replies(ws!);
    const n = CLIENT_LIMITS.subscriptions + 10;
    // A few at a time, to stay under the limit of calls in flight (tested below).
    for (let i = 0; i < n; i++) {
      ws!.send(JSON.stringify({ type: 'subscribe', reqId: i, name: 'engine:status', args: {} }));
      if (i % 8 === 7) await waitFor(() => got.length > i, `subscribe ${i} answered`);
    }
    await waitFor(() => got.length >= n, 'every subscribe answered');
    const ok = got.filter((m) => m.result?.ok);
    const refused = got.filter((m) => m.result?.error?.code === 'limit');
    expect(ok.length).toBe(CLIENT_LIMITS.subscriptions);
    expect(refused.length).toBe(10);
    expect(refused[0]!.result!.error!.message).toMatch(new RegExp(`Too many open subscriptions .*at most ${CLIENT_LIMITS.subscriptions}\\b`));
    // Closing one frees a place.
    ws!.send(JSON.stringify({ type: 'unsubscribe', subId: (ok[0]!.result as unknown as { value: string }).value }));
    ws!.send(JSON.stringify({ type: 'subscribe', reqId: 1000, name: 'engine:status', args: {} }));
    await waitFor(() => got.some((m) => m.reqId === 1000), 'the new subscription');
    expect(got.find((m) => m.reqId === 1000)?.result?.ok).toBe(true);
    ws!.close();
    await waitFor(() => service.dispatcher.activeSubscriptions()['engine:status'] === undefined, 'all closed with the socket');
  });

  it(`caps calls in flight at ${CLIENT_LIMITS.concurrentCalls}, answers the rest with a limit error, and another socket is unaffected`, async () => {
    const { ws } = await openSocket(server.port, { secret });
    const got = replies(ws!);
    const n = CLIENT_LIMITS.concurrentCalls * 3;
    for (let i = 0; i < n; i++) ws!.send(JSON.stringify({ type: 'invoke', reqId: i, name: 'containers:list', args: { all: true } }));
    await waitFor(() => got.length >= n, 'every call answered', 30_000);
    const ok = got.filter((m) => m.result?.ok).length;
    const limited = got.filter((m) => m.result?.error?.code === 'limit');
    expect(ok).toBeGreaterThanOrEqual(CLIENT_LIMITS.concurrentCalls);
    expect(limited.length).toBeGreaterThan(0);
    expect(ok + limited.length).toBe(n);
    expect(limited[0]!.result!.error!.message).toMatch(/Too many calls at once/);
    const other = await openSocket(server.port, { secret });
    const otherGot = replies(other.ws!);
    other.ws!.send(JSON.stringify({ type: 'invoke', reqId: 1, name: 'containers:list', args: { all: true } }));
    await waitFor(() => otherGot.length === 1, 'the other socket answered');
    expect(otherGot[0]!.result?.ok).toBe(true);
    ws!.close();
    other.ws!.close();
  });

  it('refuses more than 100 ids in one stats stream, naming the field', async () => {
    const r = await service.dispatcher.subscribe('t', 'stats:watch', { ids: Array.from({ length: 101 }, (_, i) => `c${i}`) }, () => undefined, () => undefined);
    expect(r).toMatchObject({ ok: false, error: { field: 'ids', message: expect.stringMatching(/at most 100/) } });
  });
});
