/**
 * Performance budgets that do not depend on timing (issue 16, item 7), in Chromium against the
 * real engine: the app server talks to the engine through a counting socket proxy
 * (test/support/counting-proxy.ts), and the page's WebSocket frames show which subscriptions the
 * renderer opens and closes.
 * - The Stats overview opens no 1 Hz stats stream at all (one-shot samples), one `stats:sample`
 *   subscription per running container shown, and 10 start/kill toggles of one container open
 *   exactly 5 subscriptions (one per start), all for that container: the others stay up.
 * - The samples of one tick reach the page together: far fewer messages than samples (one per
 *   tick when the engine answers the tick within the gather's wait; it was one per row).
 * - A container's charts open one stream, closed when the page is hidden or the tab left.
 * - Idle views (containers, images, volumes, Top) make no engine request over a quiet period.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from '@playwright/test';
import { countingProxy, type CountingProxy } from '../support/counting-proxy';
import { cleanupRun, runContainer, testDocker } from '../support/engine';
import { WEB_IMAGE } from '../support/fixtures';
import { testName } from '../support/labels';
import { CHROMIUM, expect, startAppServer, stopAppServer, test as base, type AppServer } from './fixtures';

let dir: string;
let proxy: CountingProxy;
let server: AppServer;
let browser: Browser;

interface Frames {
  /** stats:sample / stats:watch subscribe messages: name, container ids, and the subId once answered. */
  subs: { name: string; ids: string[]; reqId: number; subId?: string }[];
  unsubscribed: string[];
  /** Subscription events the page received, one entry per WebSocket message: the subIds it carried. */
  events: string[][];
}

const test = base.extend<{ page: Page; frames: Frames }>({
  frames: async ({}, use) => use({ subs: [], unsubscribed: [], events: [] }),
  page: async ({ frames }, use) => {
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    const page = await context.newPage();
    page.on('websocket', (ws) => {
      ws.on('framesent', (f) => {
        const m = parse(f.payload);
        if (m?.type === 'subscribe' && /^stats:/.test(String(m.name))) {
          const args = (m.args ?? {}) as { id?: string; ids?: string[] };
          frames.subs.push({ name: String(m.name), ids: args.ids ?? (args.id ? [args.id] : []), reqId: Number(m.reqId) });
        }
        if (m?.type === 'unsubscribe') frames.unsubscribed.push(String(m.subId));
      });
      ws.on('framereceived', (f) => {
        const m = parse(f.payload);
        if (m?.type === 'event') frames.events.push([String(m.subId)]);
        if (m?.type === 'events') frames.events.push((m.events as { subId: string }[]).map((e) => e.subId));
        if (m?.type !== 'subscribed') return;
        const sub = frames.subs.find((s) => s.reqId === Number(m.reqId));
        const result = m.result as { ok: boolean; value?: string };
        if (sub && result.ok) sub.subId = result.value;
      });
    });
    await page.goto(await server.link());
    await page.getByTestId('engine-status').and(page.locator('[data-state="connected"]')).waitFor();
    await use(page);
    await context.close();
  },
});

function parse(payload: string | Buffer): Record<string, unknown> | null {
  try {
    return JSON.parse(payload.toString()) as Record<string, unknown>;
  } catch {
    return null;
  }
}

/** Stats requests through the proxy: which container, and whether it is a stream (not one-shot). */
function statsRequests(from = 0): { id: string; stream: boolean }[] {
  return proxy.log
    .slice(from)
    .map((r) => /\/containers\/([^/?]+)\/stats\?(\S*)/.exec(r.line))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ id: m[1]!, stream: !/(?:^|&)stream=(?:false|0)(?:&|$)/.test(m[2]!) }));
}

/** What a minimised window or background tab reports (the test's own page stays in front). */
async function setVisibility(page: Page, state: 'hidden' | 'visible'): Promise<void> {
  await page.evaluate(`Object.defineProperty(document, 'visibilityState', { value: '${state}', configurable: true });
    document.dispatchEvent(new Event('visibilitychange'));`);
}

/** Engine work: everything but the event stream and the connection checks. */
const engineWork = (lines: string[]) => lines.filter((r) => !/^(GET|HEAD) \/(v[\d.]+\/)?(_ping|info|version|events)\b/.test(r));

test.beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dockside-budgets-'));
  proxy = await countingProxy(path.join(dir, 'engine.sock'));
  server = await startAppServer({ DOCKER_HOST: `unix://${proxy.socketPath}` });
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'] });
});

test.afterAll(async () => {
  await browser?.close();
  if (server) await stopAppServer(server);
  await proxy?.close();
  fs.rmSync(dir, { recursive: true, force: true });
  await cleanupRun();
});

test('the stats overview: no stream, one subscription per container, a start/kill toggle opens exactly one', async ({ page, frames }) => {
  test.setTimeout(120_000);
  const keep = [testName('keep-a'), testName('keep-b')];
  for (const name of keep) await runContainer({ name, image: WEB_IMAGE });
  const togName = testName('toggle');
  const tog = await runContainer({ name: togName, image: WEB_IMAGE, start: false });
  const keepIds = await Promise.all(keep.map(async (n) => (await testDocker().getContainer(n).inspect()).Id));

  await page.getByRole('button', { name: 'Stats', exact: true }).click();
  // The 1 s choice of the setting: the fastest sampling, so the toggles below go quickly.
  await page.getByLabel('Sample every').selectOption('1000');
  await expect(page.getByText('one sample every 1 s')).toBeVisible();
  for (const name of keep) await expect(page.locator(`[data-testid="stats-row"][data-name="${name}"] [data-col="cpu"]`)).toBeVisible({ timeout: 20_000 });
  const fromRequest = proxy.log.length;
  const fromSub = frames.subs.length;
  const fromUnsub = frames.unsubscribed.length;
  const row = page.locator(`[data-testid="stats-row"][data-name="${togName}"]`);
  for (let i = 0; i < 5; i++) {
    await tog.start();
    await expect(row.locator('[data-col="cpu"]')).toBeVisible({ timeout: 20_000 });
    await tog.kill();
    await expect(row).toHaveCount(0, { timeout: 20_000 });
  }
  const subs = frames.subs.slice(fromSub);
  const togSubs = subs.filter((s) => s.ids.includes(tog.id));
  // One subscription per start, each for the toggled container alone.
  expect(togSubs.map((s) => `${s.name} ${s.ids.length}`)).toEqual(Array(5).fill('stats:sample 1'));
  // The other containers' subscriptions were neither re-opened nor closed.
  expect(subs.filter((s) => keepIds.some((id) => s.ids.includes(id)))).toEqual([]);
  const keepSubIds = frames.subs.filter((s) => keepIds.some((id) => s.ids.includes(id))).map((s) => s.subId);
  expect(frames.unsubscribed.slice(fromUnsub).filter((id) => keepSubIds.includes(id))).toEqual([]);
  // Every start's subscription was closed again by its kill.
  await expect.poll(() => togSubs.filter((s) => s.subId && frames.unsubscribed.includes(s.subId)).length).toBe(5);
  // And no 1 Hz stream reached the engine: only one-shot samples.
  const stats = statsRequests(fromRequest);
  expect(stats.filter((s) => s.stream)).toEqual([]);
  expect(stats.some((s) => s.id === tog.id)).toBe(true);
  console.info(
    `stats churn, 10 start/kill toggles: ${togSubs.length} stats:sample subscriptions opened for the toggled container, 0 for the others; ` +
      `${stats.filter((s) => s.stream).length} streams and ${stats.filter((s) => s.id === tog.id).length} one-shot requests for it reached the engine`,
  );

  // Overview of N containers: at most N subscriptions open (one per running container shown).
  // N as the view says it: past 60 rows only those on screen are in the page.
  const described = await page.getByText(/^Live resource use of the \d+ running container/).textContent();
  const rows = Number(/the (\d+) running/.exec(described ?? '')?.[1]);
  expect(rows).toBeGreaterThanOrEqual(keep.length);
  const open = frames.subs.filter((s) => s.name === 'stats:sample' && s.subId && !frames.unsubscribed.includes(s.subId));
  expect(open.length).toBeLessThanOrEqual(rows);
  expect(new Set(open.map((s) => s.ids[0])).size).toBe(open.length);
});

test("the overview's samples of one tick reach the page as one message, not one per row", async ({ page, frames }) => {
  test.setTimeout(120_000);
  const names = Array.from({ length: 6 }, (_, i) => testName(`tick-${i}`));
  await Promise.all(names.map((name) => runContainer({ name, image: WEB_IMAGE })));
  await page.getByRole('button', { name: 'Stats', exact: true }).click();
  // The default 2 s, chosen again: the setting is saved in the server's data folder, and the
  // test before this one leaves it at 1 s.
  await page.getByLabel('Sample every').selectOption('2000');
  await expect(page.getByText('one sample every 2 s')).toBeVisible();
  for (const name of names) await expect(page.locator(`[data-testid="stats-row"][data-name="${name}"] [data-col="cpu"]`)).toBeVisible({ timeout: 20_000 });
  const mine = async () => {
    const ids = new Set(await Promise.all(names.map(async (n) => (await testDocker().getContainer(n).inspect()).Id)));
    // Open ones only: choosing 2 s closed the subscriptions made at the earlier setting.
    return new Set(frames.subs.filter((s) => s.name === 'stats:sample' && s.subId && ids.has(s.ids[0]!) && !frames.unsubscribed.includes(s.subId)).map((s) => s.subId!));
  };
  await expect.poll(async () => (await mine()).size).toBe(names.length);
  const subIds = await mine();
  const from = frames.events.length;
  // Five ticks or so of the default 2 s (the first samples, sent as each row opens, are before `from`).
  await page.waitForTimeout(10_500);
  const messages = frames.events.slice(from).filter((ids) => ids.some((id) => subIds.has(id)));
  const samples = messages.reduce((n, ids) => n + ids.filter((id) => subIds.has(id)).length, 0);
  console.info(`stats overview, ${names.length} rows over 10.5 s: ${samples} samples in ${messages.length} WebSocket messages`);
  expect(samples).toBeGreaterThanOrEqual(names.length * 3);
  // One per row per tick would be `samples` messages; together, one per tick of 6 samples. At most
  // two a tick are allowed (a slow engine answering part of a tick after the gather's wait). The
  // gather's old wait (300 ms from the first answer) gave 15 messages for 30 samples here.
  expect(messages.length * 3).toBeLessThanOrEqual(samples);
});

test("a container's charts stream once, and not while the page is hidden", async ({ page, frames }) => {
  const name = testName('charts');
  const c = await runContainer({ name, image: WEB_IMAGE });
  await page.getByRole('button', { name: `Details of ${name}`, exact: true }).click();
  const from = proxy.log.length;
  await page.getByRole('tab', { name: 'Stats' }).click();
  await expect(page.getByTestId('chart-cpu')).toHaveAttribute('data-points', /^[1-9]\d*$/, { timeout: 20_000 });
  expect(statsRequests(from).filter((s) => s.id === c.id && s.stream)).toHaveLength(1);
  const sub = frames.subs.find((s) => s.name === 'stats:watch' && s.ids.includes(c.id));
  expect(sub?.ids).toEqual([c.id]);
  // The page goes to the background: the stream closes; back in front: one new stream.
  await setVisibility(page, 'hidden');
  await expect.poll(() => frames.unsubscribed.includes(sub?.subId ?? '-')).toBe(true);
  await expect.poll(() => proxy.openRequests().filter((l) => l.includes(`/containers/${c.id}/stats`)).length).toBe(0);
  await setVisibility(page, 'visible');
  await expect.poll(() => statsRequests(from).filter((s) => s.id === c.id && s.stream).length).toBe(2);
});

test('idle views make no engine request over a quiet period', async ({ page }) => {
  test.setTimeout(120_000);
  const name = testName('idle');
  await runContainer({ name, image: WEB_IMAGE });
  const views: [string, (p: Page) => Promise<void>][] = [
    ['Containers', async (p) => void (await p.getByRole('button', { name: 'Containers', exact: true }).click())],
    ['Images', async (p) => void (await p.getByRole('button', { name: 'Images', exact: true }).click())],
    ['Volumes', async (p) => void (await p.getByRole('button', { name: 'Volumes', exact: true }).click())],
    [
      'Top',
      async (p) => {
        await p.getByRole('button', { name: 'Containers', exact: true }).click();
        await p.getByRole('button', { name: `Details of ${name}`, exact: true }).click();
        await p.getByRole('tab', { name: /Top|Processes/ }).click();
        await expect(p.getByTestId('top-row').first()).toBeVisible();
      },
    ],
  ];
  for (const [view, open] of views) {
    await open(page);
    // A quiet period is 2 s in which the engine reported no event (other work on a shared engine
    // makes lists re-read, which is following events, not polling): retried until one happens.
    await expect
      .poll(
        async () => {
          const from = proxy.log.length;
          const start = Date.now();
          await page.waitForTimeout(2000);
          if (proxy.lastEventAt() >= start - 500) return 'the engine was busy';
          return engineWork(proxy.log.slice(from).map((r) => r.line)).join(', ') || 'no request';
        },
        { timeout: 60_000, intervals: [0], message: `${view} view stays quiet` },
      )
      .toBe('no request');
  }
});
