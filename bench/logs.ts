/**
 * Logs figure: one of the bench's containers prints `lines` lines (`seq`) as fast as it can
 * while its Logs tab follows it (longest animation-frame gap and longest task while following),
 * then the whole log is read alternately by `docker logs NAME > /dev/null` (the peer) and by a
 * new page's Logs tab with tail "all". Lines that reached the page (delivered) and lines main
 * counted as skipped (marked gaps) are reported apart; the rate compared is delivered lines/s.
 * Also the server process's peak resident memory (VmHWM from /proc, an upper bound of main's
 * heap: no debug endpoint) and the page's peak JS heap (CDP Performance.getMetrics).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from '@playwright/test';
import type Docker from 'dockerode';
import type { EngineView } from './engine-view';
import { launchQuietChromium, type QuietChromium, type QuietPage } from './quiet-chromium';
import { BENCH_LABEL, BENCH_RUN, chromiumOtherPids, fmtSpread, peakRss, rendererPids, runCommand, sleep, spread, trackCpu, type AppServer, type ResultRow } from './support';
import { rawGetStream } from '../main/debug/raw-stream';
import { testDocker } from '../test/support/engine';
import { WEB_IMAGE } from '../test/support/fixtures';

export interface LogsContext {
  view: EngineView;
  /** The dockerd serving the engine's socket (its CPU over each whole-log read). */
  daemonPid: number;
  server: AppServer;
  browser: Browser;
  lines: number;
  runs: number;
}

/** Installed before the app loads: the longest gap between animation frames and the longest task. */
const MONITOR = `
  window.__frames = { maxGap: 0, maxLongTask: 0, last: performance.now() };
  const tick = (t) => { const f = window.__frames; f.maxGap = Math.max(f.maxGap, t - f.last); f.last = t; requestAnimationFrame(tick); };
  requestAnimationFrame(tick);
  new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__frames.maxLongTask = Math.max(window.__frames.maxLongTask, e.duration); }).observe({ type: 'longtask', buffered: true });
`;
interface Frames {
  maxGap: number;
  maxLongTask: number;
  last: number;
}
// Functions, not strings: the app's CSP forbids eval.
const resetFrames = (page: Page) => page.evaluate(() => void Object.assign((globalThis as unknown as { __frames: Frames }).__frames, { maxGap: 0, maxLongTask: 0, last: performance.now() }));
const frames = (page: Page) => page.evaluate(() => ({ ...(globalThis as unknown as { __frames: Frames }).__frames }));

// One evaluate per poll (not a locator call per attribute): the polling runs in the page's
// renderer, whose CPU the figure measures and which shares the 2 cores with the engine.
const counters = (page: Page) =>
  page.evaluate(() => {
    type Tab = { dataset: Record<string, string | undefined> };
    const tab = (globalThis as unknown as { document: { querySelector(s: string): Tab | null } }).document.querySelector('[data-testid="logs-tab"]');
    return { total: Number(tab?.dataset.total ?? 0), received: Number(tab?.dataset.received ?? 0), dropped: Number(tab?.dataset.dropped ?? 0) };
  });

/** Polls every 50 ms until every line is accounted for; `onPoll` (the heap sample) at most every 250 ms. */
async function untilAccounted(page: Page, lines: number, onPoll: () => Promise<void>, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  let polled = 0;
  for (;;) {
    if (Date.now() - polled >= 250) {
      polled = Date.now();
      await onPoll();
    }
    const c = await counters(page);
    if (c.total >= lines && c.received + c.dropped >= lines) return c;
    if (Date.now() > deadline) throw new Error(`the Logs tab accounted for ${c.received + c.dropped} of ${lines} lines after ${timeoutMs} ms (main had received ${c.total})`);
    await sleep(50);
  }
}

async function openLogs(ctx: LogsContext, name: string) {
  const context = await ctx.browser.newContext({ viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  await page.addInitScript(MONITOR);
  await page.goto(await ctx.server.link());
  await page.getByTestId('engine-status').and(page.locator('[data-state="connected"]')).waitFor();
  await page.getByRole('button', { name: `Details of ${name}`, exact: true }).click();
  await page.getByRole('tab', { name: 'Logs' }).click();
  await page.getByTestId('logs-tab').waitFor();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  let peakHeap = 0;
  const sampleHeap = async () => {
    const { metrics } = await cdp.send('Performance.getMetrics');
    peakHeap = Math.max(peakHeap, metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? 0);
  };
  // BENCH_LOGS_PROFILE=DIR: the page's CPU profile (Chrome DevTools format) of each phase, to find where time goes.
  const profileDir = process.env.BENCH_LOGS_PROFILE;
  if (profileDir) {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
    await cdp.send('Profiler.start');
  }
  const saveProfile = async (label: string) => {
    if (!profileDir) return;
    const { profile } = await cdp.send('Profiler.stop');
    fs.mkdirSync(profileDir, { recursive: true });
    fs.writeFileSync(path.join(profileDir, `page-${label}.cpuprofile`), JSON.stringify(profile));
  };
  return { context, page, sampleHeap, peakHeap: () => peakHeap, saveProfile };
}

/**
 * CPU over one log read, by process on its path: the engine (dockerd), main (the server), the
 * page (the Chromium renderers under `browserAncestor`), the rest of that Chromium (browser,
 * network service, GPU) and the bench process (its engine view relays the log).
 */
function trackReadCpu(ctx: LogsContext, browserAncestor: number) {
  return trackCpu({
    engine: () => [ctx.daemonPid],
    main: () => [ctx.server.process.pid!],
    page: () => rendererPids(browserAncestor),
    chromium: () => chromiumOtherPids(browserAncestor),
    bench: () => [process.pid],
  });
}

/** The same page state read in the quiet Chromium (an expression, not a function: no driver). */
const COUNTERS = `(() => { const t = document.querySelector('[data-testid="logs-tab"]'); const d = t ? t.dataset : {}; return { total: Number(d.total ?? 0), received: Number(d.received ?? 0), dropped: Number(d.dropped ?? 0) }; })()`;

async function until<T>(page: QuietPage, expression: string, what: string, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await page.evaluate<T>(expression);
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`quiet page: ${what} not seen after ${timeoutMs} ms`);
    await sleep(50);
  }
}

/**
 * The whole-log read in a Chromium with no Playwright attached (bench/quiet-chromium.ts): the
 * same page, the same clicks (made by the page's own DOM calls) and the same 50 ms polling of
 * the tab's counters; CPU of the same processes.
 */
async function quietWholeRead(ctx: LogsContext, quiet: QuietChromium, name: string, lines: number) {
  const page = await quiet.open(await ctx.server.link(), MONITOR);
  try {
    await until(page, `!!document.querySelector('[data-testid="engine-status"][data-state="connected"]')`, 'the engine connected');
    const q = JSON.stringify(`button[aria-label="Details of ${name}"]`);
    await until(page, `(() => { const b = document.querySelector(${q}); if (b) b.click(); return !!b; })()`, 'the container row');
    await until(page, `(() => { const t = [...document.querySelectorAll('[role="tab"]')].find((e) => e.textContent.trim() === 'Logs'); if (t) t.click(); return !!t; })()`, 'the Logs tab');
    await until(page, `${COUNTERS}.received >= 1`, 'the default tail');
    await sleep(1000);
    await page.evaluate(`void Object.assign(window.__frames, { maxGap: 0, maxLongTask: 0, last: performance.now() })`);
    const track = trackReadCpu(ctx, quiet.pid);
    const t0 = performance.now();
    // React reads an input's value through the native setter, then an input event (what typing does).
    await page.evaluate(`(() => {
      const el = document.querySelector('input[aria-label="Tail: number of last lines, or all"]');
      Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set.call(el, 'all');
      el.dispatchEvent(new Event('input', { bubbles: true }));
    })()`);
    const deadline = Date.now() + 60_000;
    let c: { total: number; received: number; dropped: number };
    for (;;) {
      c = await page.evaluate(COUNTERS);
      if (c.total >= lines && c.received + c.dropped >= lines) break;
      if (Date.now() > deadline) throw new Error(`quiet page: the Logs tab accounted for ${c.received + c.dropped} of ${lines} lines after 60 s`);
      await sleep(50);
    }
    const seconds = (performance.now() - t0) / 1000;
    const cpu = track.stop();
    const f = await page.evaluate<Frames>(`({ ...window.__frames })`);
    return { seconds, got: c, cpu, maxGap: f.maxGap };
  } finally {
    await page.close();
  }
}

export async function benchLogs(ctx: LogsContext): Promise<ResultRow[]> {
  const docker = testDocker();
  const name = `dockside-bench-logs-${BENCH_RUN}`;
  const lines = ctx.lines;
  // It waits until its Logs tab is open (the bench creates /tmp/go in it), then floods. One per
  // live-follow run (each prints its log once); the last one's log is read whole afterwards.
  const flooder = async (n: string) => {
    const made: Docker.Container = await docker.createContainer({
      name: n,
      Image: WEB_IMAGE,
      Cmd: ['sh', '-c', `while [ ! -e /tmp/go ]; do sleep 0.1; done; seq 1 ${lines}; sleep 100000`],
      Labels: { [BENCH_LABEL]: BENCH_RUN },
    });
    await made.start();
    return made;
  };
  let peakHeap = 0;

  // 1. Live: the tab follows while the container prints, with a blank page in the same browser
  // counting its own frames over the same follow: the gaps the machine and the browser cause
  // whatever the page does (the floor for the figure).
  const liveRuns: { frames: Frames; blank: Frames; counts: { total: number; received: number; dropped: number }; load: number }[] = [];
  let c: Docker.Container | null = null;
  for (let i = 0; i < ctx.runs; i++) {
    if (c) await c.remove({ force: true }).catch(() => undefined);
    c = await flooder(name);
    const live = await openLogs(ctx, name);
    const blankContext = await ctx.browser.newContext({ viewport: { width: 1400, height: 900 } });
    try {
      const blank = await blankContext.newPage();
      await blank.addInitScript(MONITOR);
      await blank.goto('data:text/html,<title>blank</title><p>blank</p>');
      await resetFrames(live.page);
      await resetFrames(blank);
      const go = await c.exec({ Cmd: ['touch', '/tmp/go'] });
      await go.start({ Detach: true });
      const counts = await untilAccounted(live.page, lines, live.sampleHeap);
      // The 1-minute load average right after following: on 2 shared cores a frame gap longer
      // than the longest task means the page's thread was waiting for a CPU, not working.
      const run = { counts, load: os.loadavg()[0]!, frames: await frames(live.page), blank: await frames(blank) };
      liveRuns.push(run);
      await live.saveProfile(`live-${i + 1}`);
      peakHeap = Math.max(peakHeap, live.peakHeap());
      console.log(
        `logs live follow run ${i + 1}: ${counts.received} delivered, ${counts.dropped} skipped; longest frame gap ${run.frames.maxGap.toFixed(0)} ms, longest task ${run.frames.maxLongTask.toFixed(0)} ms; ` +
          `a blank page beside it: longest frame gap ${run.blank.maxGap.toFixed(0)} ms (load ${run.load.toFixed(1)})`,
      );
    } finally {
      await live.context.close();
      await blankContext.close();
    }
  }
  if (!c) throw new Error('no live-follow run');
  const liveGap = spread(liveRuns.map((r) => r.frames.maxGap));
  const blankGap = spread(liveRuns.map((r) => r.blank.maxGap));

  // 2. The whole log, alternated: docker logs, then a page's Logs tab with tail "all".
  const pairs: {
    cliRate: number;
    delivered: number;
    skipped: number;
    seconds: number;
    maxGap: number;
    rawPlain: number;
    rawStamped: number;
    /**
     * CPU seconds over Dockside's read: the engine (dockerd), main (the server process), the page
     * (its Chromium renderer), the rest of Chromium (browser, network service, GPU) and the
     * bench's own process (it polls the page's counters).
     */
    cpu: { engine: number; main: number; page: number; chromium: number; bench: number; wall: number };
    /** The page's CPU seconds per second with the tab open and nothing arriving (same polling). */
    pageIdle: number;
    /** `docker logs > /dev/null`: the engine's and the CLI's CPU seconds over the wall seconds of that read. */
    cliCpu: { engine: number; cli: number; wall: number };
    /** The same read in a Chromium with no driver attached (quietWholeRead). */
    quiet: Awaited<ReturnType<typeof quietWholeRead>>;
  }[] = [];
  // The engine alone: the same log read raw (no client work) without and with timestamps, which
  // Dockside asks for on every followed log (its resume cursor), and `docker logs` does not.
  const rawRead = async (timestamps: boolean) => {
    const t0 = performance.now();
    const body = await rawGetStream(ctx.view.socketPath, `/containers/${name}/logs?stdout=1&stderr=1&tail=all&timestamps=${timestamps ? 1 : 0}`);
    for await (const _ of body) void _;
    return (performance.now() - t0) / 1000;
  };
  const quiet = await launchQuietChromium();
  for (let i = 0; i < ctx.runs; i++) {
    // Output to /dev/null, as `docker logs NAME > /dev/null` in a shell.
    const r = await runCommand('docker', ['logs', name], { ...process.env, DOCKER_HOST: `unix://${ctx.view.socketPath}` }, false);
    const cliSeconds = r.ms / 1000;
    if (r.status !== 0) throw new Error(`docker logs failed: ${r.stderr}`);
    // The CLI's own CPU, from a second, untimed read: bash's `times` prints its children's user
    // and system seconds (exact, unlike sampling a process that is about to end); the engine's
    // over the same read.
    const cliTrack = trackCpu({ engine: () => [ctx.daemonPid] });
    const timed = await runCommand('bash', ['-c', 'docker logs "$0" > /dev/null; times', name], { ...process.env, DOCKER_HOST: `unix://${ctx.view.socketPath}` });
    const cliEngine = cliTrack.stop();
    const childTimes = /\n(\d+)m([\d.]+)s (\d+)m([\d.]+)s/.exec(timed.stdout);
    const cliCpu = childTimes ? Number(childTimes[1]) * 60 + Number(childTimes[2]) + Number(childTimes[3]) * 60 + Number(childTimes[4]) : NaN;

    const quietRead = await quietWholeRead(ctx, quiet, name, lines);
    const tab = await openLogs(ctx, name);
    try {
      await untilAccounted(tab.page, 1, async () => undefined); // the default tail's lines in
      // The open tab with nothing arriving, polled as below: what the page costs anyway (after
      // a second for the page's own start to settle).
      await sleep(1000);
      const idleTrack = trackCpu({ page: () => rendererPids(process.pid) });
      for (let t = 0; t < 20; t++) {
        await counters(tab.page);
        await sleep(50);
      }
      const idle = idleTrack.stop();
      await resetFrames(tab.page);
      // Where the time goes: CPU of each process on the way over the same window as the rate.
      const cpuTrack = trackReadCpu(ctx, process.pid);
      const d0 = performance.now();
      await tab.page.getByLabel('Tail: number of last lines, or all').fill('all');
      const got = await untilAccounted(tab.page, lines, tab.sampleHeap);
      const seconds = (performance.now() - d0) / 1000;
      const cpu = cpuTrack.stop();
      const f = await frames(tab.page);
      await tab.saveProfile(`whole-${i + 1}`);
      peakHeap = Math.max(peakHeap, tab.peakHeap());
      await tab.context.close();
      const rawPlain = await rawRead(false);
      const rawStamped = await rawRead(true);
      pairs.push({ cliRate: lines / cliSeconds, delivered: got.received, skipped: got.dropped, seconds, maxGap: f.maxGap, rawPlain, rawStamped, cpu, pageIdle: idle.page / idle.wall, cliCpu: { engine: cliEngine.engine, cli: cliCpu, wall: cliEngine.wall }, quiet: quietRead });
      console.log(
        `logs run ${i + 1}: docker logs ${cliSeconds.toFixed(2)} s; Dockside ${seconds.toFixed(2)} s, ${got.received} delivered + ${got.dropped} skipped, longest frame ${f.maxGap.toFixed(0)} ms; ` +
          `CPU engine ${cpu.engine.toFixed(2)} s, main ${cpu.main.toFixed(2)} s, page ${cpu.page.toFixed(2)} s, rest of Chromium ${cpu.chromium.toFixed(2)} s, bench ${cpu.bench.toFixed(2)} s (idle ${(idle.page / idle.wall).toFixed(2)} s/s) over ${cpu.wall.toFixed(2)} s wall (load ${os.loadavg()[0]!.toFixed(2)}); ` +
          `engine alone ${rawPlain.toFixed(2)} s without timestamps, ${rawStamped.toFixed(2)} s with; ` +
          `no driver attached: ${quietRead.seconds.toFixed(2)} s, ${quietRead.got.received} delivered + ${quietRead.got.dropped} skipped, longest frame ${quietRead.maxGap.toFixed(0)} ms, ` +
          `CPU engine ${quietRead.cpu.engine.toFixed(2)} s, main ${quietRead.cpu.main.toFixed(2)} s, page ${quietRead.cpu.page.toFixed(2)} s, rest of Chromium ${quietRead.cpu.chromium.toFixed(2)} s, bench ${quietRead.cpu.bench.toFixed(2)} s`,
      );
    } finally {
      await tab.context.close();
    }
  }
  await quiet.close();
  await c.remove({ force: true }).catch(() => undefined);

  const cli = spread(pairs.map((p) => p.cliRate));
  const rss = peakRss(ctx.server.process.pid!);
  type Cpu = (typeof pairs)[number]['cpu'];
  // Share of the machine's CPU time the processes on the read's path used, in percent.
  const busy = (c: Cpu) => (100 * (c.engine + c.main + c.page + c.chromium + c.bench)) / (c.wall * os.cpus().length);
  const k = (s: ReturnType<typeof spread>) => fmtSpread({ ...s, min: s.min / 1000, median: s.median / 1000, max: s.max / 1000 }, 0, 'k');
  const s2 = (xs: number[]) => fmtSpread(spread(xs), 2, ' s');
  /** Where a read's CPU went, the same words for both rows. */
  const cpuNote = (cpus: Cpu[]) =>
    `CPU seconds over the read: engine (dockerd) ${s2(cpus.map((c) => c.engine))}, main (server process) ${s2(cpus.map((c) => c.main))}, ` +
    `page (Chromium renderer) ${s2(cpus.map((c) => c.page))}, rest of Chromium (browser, network service, GPU) ${s2(cpus.map((c) => c.chromium))}, ` +
    `the bench process ${s2(cpus.map((c) => c.bench))} (its engine view relays every byte of the log, for the CLI too), ` +
    `over ${s2(cpus.map((c) => c.wall))} wall on ${os.cpus().length} CPUs: together ${fmtSpread(spread(cpus.map(busy)), 0, '%')} of the machine's CPU time`;
  const clientCpu = (c: Cpu) => c.main + c.page + c.chromium;
  const quietRates = pairs.map((p) => p.quiet.got.received / p.quiet.seconds);
  const quietRatios = spread(pairs.map((p, i) => quietRates[i]! / p.cliRate));
  const pwRatios = spread(pairs.map((p) => p.delivered / p.seconds / p.cliRate));
  return [
    {
      figure: `Logs, whole log of ${lines.toLocaleString()} lines (tail all): lines/s delivered to the page (a Chromium with no driver attached, as a user's) vs \`docker logs > /dev/null\``,
      dockside: `${k(spread(quietRates))} lines/s`,
      peer: `${k(cli)} lines/s`,
      ratio: fmtSpread(quietRatios),
      target: '≥ 1.0×',
      met: quietRatios.median >= 1,
      note:
        (quietRatios.median >= 1
          ? ''
          : `why not: both reads are CPU-bound here (the processes on Dockside's path kept ${fmtSpread(spread(pairs.map((p) => busy(p.quiet.cpu))), 0, '%')} of both CPUs busy, ` +
            `engine + CLI ${fmtSpread(spread(pairs.map((p) => (100 * (p.cliCpu.engine + p.cliCpu.cli)) / (p.cliCpu.wall * os.cpus().length))), 0, '%')} without the relay), the engine's share is the same for both, ` +
            `and Dockside's client side (server, page, browser) needs ${fmtSpread(spread(pairs.map((p) => clientCpu(p.quiet.cpu) / p.cliCpu.cli)))}× the CPU of the CLI's, which writes to /dev/null; `) +
        `delivered ${fmtSpread(spread(pairs.map((p) => p.quiet.got.received)), 0)} lines, skipped (marked gaps) ${fmtSpread(spread(pairs.map((p) => p.quiet.got.dropped)), 0)}; ` +
        `longest frame gap ${fmtSpread(spread(pairs.map((p) => p.quiet.maxGap)), 0, ' ms')}; ` +
        `the page is driven through the DevTools protocol with Runtime.evaluate only (bench/quiet-chromium.ts), polled every 50 ms as in the row below; ` +
        `${cpuNote(pairs.map((p) => p.quiet.cpu))}; ` +
        `\`docker logs > /dev/null\`: engine ${s2(pairs.map((p) => p.cliCpu.engine))}, the CLI ${s2(pairs.map((p) => p.cliCpu.cli))} ` +
        `over ${s2(pairs.map((p) => p.cliCpu.wall))} wall; Dockside's client side (main + page + rest of Chromium) ${s2(pairs.map((p) => clientCpu(p.quiet.cpu)))} ` +
        `against the CLI's ${s2(pairs.map((p) => p.cliCpu.cli))} (${fmtSpread(spread(pairs.map((p) => clientCpu(p.quiet.cpu) / p.cliCpu.cli)))}×); ` +
        `the engine alone (a raw read through the same view, no client) took ${s2(pairs.map((p) => p.rawPlain))} without timestamps and ${s2(pairs.map((p) => p.rawStamped))} with them ` +
        `(Dockside asks for them on every followed log, to resume exactly after a reconnect; \`docker logs\` does not)`,
    },
    {
      figure: `Logs, the same read with the page driven by Playwright (for comparison: its DevTools Network domain copies every WebSocket frame to the driver)`,
      dockside: `${k(spread(pairs.map((p) => p.delivered / p.seconds)))} lines/s`,
      peer: `${k(cli)} lines/s`,
      ratio: fmtSpread(pwRatios),
      target: '—',
      met: null,
      note:
        `delivered ${fmtSpread(spread(pairs.map((p) => p.delivered)), 0)} lines, skipped ${fmtSpread(spread(pairs.map((p) => p.skipped)), 0)}; ` +
        `${cpuNote(pairs.map((p) => p.cpu))}; with nothing arriving, the open tab and the polling cost the page ${fmtSpread(spread(pairs.map((p) => p.pageIdle)), 2, ' s')} per second`,
    },
    {
      figure: `Logs, live follow of ${lines.toLocaleString()} lines printed as fast as possible: longest frame gap (longest task)`,
      dockside: `${fmtSpread(liveGap, 0, ' ms')} (${fmtSpread(spread(liveRuns.map((r) => r.frames.maxLongTask)), 0, ' ms')})`,
      peer: '—',
      ratio: '—',
      target: '< 100 ms',
      met: liveGap.median < 100,
      note:
        `${fmtSpread(spread(liveRuns.map((r) => r.counts.received)), 0)} delivered, ${fmtSpread(spread(liveRuns.map((r) => r.counts.dropped)), 0)} skipped while following; ` +
        `a blank page open beside it in the same browser, over the same follow: longest frame gap ${fmtSpread(blankGap, 0, ' ms')} (the machine's and the browser's share); ` +
        `load average after each follow ${fmtSpread(spread(liveRuns.map((r) => r.load)), 1)} on ${os.cpus().length} CPUs; ` +
        `longest frame gap in the whole-log reads ${fmtSpread(spread(pairs.map((p) => p.maxGap)), 0, ' ms')}` +
        (liveGap.median < 100
          ? ''
          : blankGap.median >= 100
            ? `; why not: the blank page's own frames were as far apart (median ${blankGap.median.toFixed(0)} ms), so the machine, not the Logs tab, held the frames back`
            : `; not explained: the blank page beside it kept its frames ${blankGap.median.toFixed(0)} ms apart (median), so the gap is the Logs tab's`),
    },
    {
      figure: 'Memory: server (main) process peak RSS over the whole bench; page peak JS heap during the logs figure',
      dockside: `${(rss / 1048576).toFixed(0)} MB RSS; ${(peakHeap / 1048576).toFixed(0)} MB page heap`,
      peer: '—',
      ratio: '—',
      target: 'main < 150 MB',
      met: rss < 150 * 1048576,
      note: `RSS (VmHWM) bounds main's heap from above: it also holds Node, tsx and code${rss < 150 * 1048576 ? '' : `; ${(rss / 1048576).toFixed(0)} MB ≥ 150 MB`}`,
    },
  ];
}
