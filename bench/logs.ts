/**
 * Logs benchmark: a container prints `--lines` lines (1,000,000 by default) as fast as it can
 * while its Logs tab is open (live follow), then the complete log is read again three ways:
 * `docker logs CONTAINER > /dev/null` (the peer), and Dockside's Logs tab with tail "all".
 * Figures: lines per second accounted for in the renderer (received + counted as skipped by
 * main's bounded batches), lines actually transferred, the renderer's peak JS heap
 * (CDP Performance.getMetrics) and its longest blocked frame (rAF gap and longtask).
 */
import { spawnSync } from 'node:child_process';
import type { Page } from '@playwright/test';
import { cleanupRun, runContainer, testDocker } from '../test/support/engine';
import { WEB_IMAGE } from '../test/support/fixtures';
import { testName } from '../test/support/labels';
import { benchOptions, cpuSeconds, enginePids, fmt, openBrowser, startAppServer } from './support';

const engineCpu = () => enginePids().reduce((n, p) => n + cpuSeconds(p.pid), 0);

interface FrameStats {
  maxGap: number;
  maxLongTask: number;
}

/** Installed before the app loads: the longest gap between animation frames and the longest task. */
const MONITOR = `
  window.__bench = { maxGap: 0, maxLongTask: 0, last: performance.now() };
  const tick = (t) => { const g = t - window.__bench.last; if (g > window.__bench.maxGap) window.__bench.maxGap = g; window.__bench.last = t; requestAnimationFrame(tick); };
  requestAnimationFrame(tick);
  try { new PerformanceObserver((l) => { for (const e of l.getEntries()) if (e.duration > window.__bench.maxLongTask) window.__bench.maxLongTask = e.duration; }).observe({ type: 'longtask', buffered: true }); } catch {}
`;

async function resetFrames(page: Page) {
  await page.evaluate('window.__bench.maxGap = 0; window.__bench.maxLongTask = 0; window.__bench.last = performance.now();');
}
async function frames(page: Page): Promise<FrameStats> {
  return (await page.evaluate('({ maxGap: window.__bench.maxGap, maxLongTask: window.__bench.maxLongTask })')) as FrameStats;
}

async function logCounters(page: Page) {
  const tab = page.getByTestId('logs-tab');
  const [total, received, dropped] = await Promise.all(['data-total', 'data-received', 'data-dropped'].map((a) => tab.getAttribute(a)));
  return { total: Number(total), received: Number(received), dropped: Number(dropped) };
}

/** Waits until the renderer has accounted for `lines` lines, sampling the heap meanwhile. */
async function untilAllLines(page: Page, lines: number, sampleHeap: () => Promise<void>, timeoutMs = 600_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    await sampleHeap();
    const c = await logCounters(page);
    if (c.total >= lines && c.received + c.dropped >= lines) return c;
    if (Date.now() > deadline) throw new Error(`only ${c.total} of ${lines} lines after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export async function benchLogs(): Promise<void> {
  const { lines } = benchOptions();
  console.log(`\n== logs: a container printing ${lines.toLocaleString()} lines ==`);
  const name = testName('bench-logs');
  const server = await startAppServer();
  const { browser, page } = await openBrowser(server.url);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  let peakHeap = 0;
  const sampleHeap = async () => {
    const { metrics } = (await cdp.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] };
    const used = metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? 0;
    if (used > peakHeap) peakHeap = used;
  };
  try {
    await page.addInitScript(MONITOR);
    await page.reload();
    await page.getByTestId('engine-status').and(page.locator('[data-state="connected"]')).waitFor();
    // The container waits a few seconds so its tab is open before the flood starts.
    await runContainer({ name, image: WEB_IMAGE, cmd: ['sh', '-c', `sleep 6; seq 1 ${lines}; sleep 100000`], labels: { 'dockside.bench': 'logs' } });
    await page.getByRole('button', { name: `Details of ${name}`, exact: true }).click();
    await page.getByRole('tab', { name: 'Logs' }).click();
    await page.getByTestId('logs-tab').waitFor();
    await resetFrames(page);

    // 1. Live: the container floods while the tab follows.
    for (let waited = 0; (await logCounters(page)).total === 0; waited += 50) {
      if (waited > 60_000) throw new Error('no log line arrived within 60 s');
      await new Promise((r) => setTimeout(r, 50));
    }
    const t0 = Date.now();
    const live = await untilAllLines(page, lines, sampleHeap);
    const liveSeconds = (Date.now() - t0) / 1000;
    const liveFrames = await frames(page);

    // 2. The peer: the whole log through the CLI.
    const e0 = engineCpu();
    const c0 = Date.now();
    const r = spawnSync('sh', ['-c', `docker logs ${name} > /dev/null 2>&1`]);
    const cliSeconds = (Date.now() - c0) / 1000;
    const cliEngine = engineCpu() - e0;
    if (r.status !== 0) throw new Error(`docker logs failed: ${r.stderr}`);

    // 3. Dockside reads the whole log again (tail "all"), as the CLI did.
    await resetFrames(page);
    const e1 = engineCpu();
    const m1 = cpuSeconds(server.process.pid!);
    const d0 = Date.now();
    await page.getByLabel('Tail: number of last lines, or all').fill('all');
    const replay = await untilAllLines(page, lines, sampleHeap);
    const replaySeconds = (Date.now() - d0) / 1000;
    const replayEngine = engineCpu() - e1;
    const replayMain = cpuSeconds(server.process.pid!) - m1;
    const replayFrames = await frames(page);
    const rows = await page.getByTestId('log-row').count();
    await sampleHeap();

    const cliRate = lines / cliSeconds;
    const replayRate = lines / replaySeconds;
    console.log(`docker logs > /dev/null:    ${fmt(cliSeconds)} s, ${Math.round(cliRate).toLocaleString()} lines/s`);
    console.log(
      `Dockside, whole log:        ${fmt(replaySeconds)} s, ${Math.round(replayRate).toLocaleString()} lines/s accounted in the renderer (${replay.received.toLocaleString()} transferred, ${replay.dropped.toLocaleString()} skipped by bounded batches)`,
    );
    console.log(`CPU used meanwhile:         CLI run: engine ${fmt(cliEngine)} s; Dockside run: engine ${fmt(replayEngine)} s + main process ${fmt(replayMain)} s`);
    console.log(`ratio Dockside / CLI:       ${fmt(replayRate / cliRate)} (target >= 0.80)`);
    console.log(
      `Dockside, live follow:      ${fmt(liveSeconds)} s for ${live.total.toLocaleString()} lines while the container printed them (${live.received.toLocaleString()} transferred)`,
    );
    console.log(`renderer peak JS heap:      ${fmt(peakHeap / 1024 / 1024, 1)} MB (target < 150 MB); rows in the DOM at the end: ${rows}`);
    console.log(
      `longest frame gap:          live ${fmt(liveFrames.maxGap, 0)} ms, replay ${fmt(replayFrames.maxGap, 0)} ms; longest task: live ${fmt(liveFrames.maxLongTask, 0)} ms, replay ${fmt(replayFrames.maxLongTask, 0)} ms (target <= 200 ms)`,
    );
  } finally {
    await browser.close();
    await server.stop();
    await testDocker().getContainer(name).remove({ force: true }).catch(() => undefined);
    await cleanupRun();
  }
}
