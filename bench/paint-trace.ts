/**
 * Where the first paint's milliseconds go: `npx tsx bench/paint-trace.ts [--list 250] [--runs 2]
 * [--no-build] [--no-samples] [--long MS] [--keep-trace DIR]`. The first-paint figure's setup (the bench's containers behind
 * the engine view, the real browser-mode server, a cold page in Chromium), with a Chromium
 * performance trace (main-thread tasks, script evaluation, V8 CPU samples) of each cold load and
 * the page's own clock for its requests (resource timing) and WebSocket frames. Prints one
 * timeline per run and names what ran in every task of 50 ms or more. A diagnostic, not a figure:
 * tracing slows the page down a little. Run it under the bench lock.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from '@playwright/test';
import { ensureWebImage } from '../test/setup/images';
import { testDocker } from '../test/support/engine';
import { WEB_IMAGE } from '../test/support/fixtures';
import { engineSocketPath } from '../test/support/socket-proxy';
import { engineView } from './engine-view';
import { firstRowSeen } from './paint-floor';
import { loadAverage } from './results';
import {
  benchLabelValue,
  benchOptions,
  createBenchContainers,
  launchChromium,
  onCleanup,
  ROOT,
  runCleanups,
  startAppServer,
  type AppServer,
} from './support';

/** The page's own clock: resource timing and every WebSocket frame, plus the first row (as the bench sees it). */
const PROBE = `
  window.__pt = { ws: [], row: 0, probe: performance.mark('paint-trace-probe').startTime };
  const W = window.WebSocket;
  window.WebSocket = class extends W {
    constructor(u, p) {
      super(u, p);
      window.__pt.ws.push({ what: 'create', at: performance.now() });
      this.addEventListener('open', () => window.__pt.ws.push({ what: 'open', at: performance.now() }));
      this.addEventListener('message', (e) => window.__pt.ws.push({ what: 'recv', at: performance.now(), text: String(e.data).slice(0, 90), bytes: String(e.data).length }));
    }
    send(d) { window.__pt.ws.push({ what: 'send', at: performance.now(), text: String(d).slice(0, 90) }); super.send(d); }
  };
  new MutationObserver((_, obs) => {
    if (!document.querySelector('[data-testid^="container-row-"]')) return;
    obs.disconnect();
    window.__pt.rowInDom = performance.now();
    requestAnimationFrame(() => { window.__pt.row = performance.now(); setTimeout(() => { window.__pt.painted = performance.now(); console.log('dockside-bench:first-row'); }, 0); });
  }).observe(document, { childList: true, subtree: true });
`;

interface TraceEvent {
  name: string;
  cat: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  id?: string;
  args?: { name?: string; data?: Record<string, unknown> & { cpuProfile?: { nodes?: CpuNode[]; samples?: number[] }; timeDeltas?: number[] } };
}
interface CpuNode {
  id: number;
  parent?: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
}

interface PageClock {
  ws: { what: string; at: number; text?: string; bytes?: number }[];
  row: number;
  /** When the frame with the first row had been styled, laid out and painted. */
  painted: number;
  rowInDom: number;
  /** When the probe's user-timing mark was set, on the page's clock (it maps the trace's clock). */
  probe: number;
  resources: { name: string; startTime: number; responseStart: number; responseEnd: number; transferSize: number; initiatorType: string }[];
  nav: { responseStart: number; responseEnd: number; domInteractive: number; domContentLoadedEventStart: number; domContentLoadedEventEnd: number; loadEventEnd: number };
}

const short = (url: string | undefined) => (url ?? '').replace(/^https?:\/\/[^/]+/, '').replace(/^\/assets\//, '');

async function tracedRun(browser: Browser, server: AppServer, keep: string | null, n: number, samples: boolean, longMs: number): Promise<void> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  try {
    const page = await context.newPage();
    await page.addInitScript(PROBE);
    await browser.startTracing(page, {
      categories: [
        'devtools.timeline',
        'disabled-by-default-devtools.timeline',
        'blink.user_timing',
        'loading',
        'v8',
        'v8.execute',
        ...(samples ? ['disabled-by-default-v8.cpu_profiler'] : []),
        'toplevel',
      ],
    });
    const link = await server.link();
    // The console, not waitForFunction: polling would run Playwright's script in the page mid-load.
    const seen = firstRowSeen(page);
    await page.goto(link);
    await seen;
    await page.waitForTimeout(1000);
    // Functions, not strings (the app's CSP forbids eval); the page's types are spelled out here
    // because bench/ is compiled without the DOM library.
    type Entry = { name: string; startTime: number; responseStart: number; responseEnd: number; transferSize: number; initiatorType: string };
    type Nav = PageClock['nav'];
    const clock = await page.evaluate(() => {
      const g = globalThis as unknown as { __pt: PageClock; performance: { getEntriesByType(t: string): unknown[] } };
      const nav = g.performance.getEntriesByType('navigation')[0] as Nav;
      return {
        ...g.__pt,
        resources: (g.performance.getEntriesByType('resource') as Entry[]).map((r) => ({
          name: r.name,
          startTime: r.startTime,
          responseStart: r.responseStart,
          responseEnd: r.responseEnd,
          transferSize: r.transferSize,
          initiatorType: r.initiatorType,
        })),
        nav: {
          responseStart: nav.responseStart,
          responseEnd: nav.responseEnd,
          domInteractive: nav.domInteractive,
          domContentLoadedEventStart: nav.domContentLoadedEventStart,
          domContentLoadedEventEnd: nav.domContentLoadedEventEnd,
          loadEventEnd: nav.loadEventEnd,
        },
      };
    });
    const buf = await browser.stopTracing();
    if (keep) fs.writeFileSync(path.join(keep, `paint-trace-${n}.json`), buf);
    const trace = JSON.parse(buf.toString()) as { traceEvents: TraceEvent[] };
    report(trace.traceEvents, clock, new URL(link).origin, longMs);
  } finally {
    await context.close();
  }
}

function report(events: TraceEvent[], clock: PageClock, origin: string, longMs: number): void {
  // The app's renderer is the one that parsed its HTML; the probe's mark gives the page's time origin.
  const parse = events.find((e) => e.name === 'ParseHTML' && String((e.args as { beginData?: { url?: string } } | undefined)?.beginData?.url ?? '').startsWith(origin));
  const mark = events.find((e) => e.name === 'paint-trace-probe' && e.pid === parse?.pid);
  if (!parse || !mark) throw new Error('the app page or the probe mark is not in the trace');
  const pid = parse.pid;
  const tid = parse.tid;
  const t0 = mark.ts - clock.probe * 1000;
  const ms = (ts: number) => (ts - t0) / 1000;
  const f = (x: number) => x.toFixed(0).padStart(5);

  console.log(`\n-- page clock (ms after navigation start) --`);
  console.log(`${f(clock.nav.responseStart)} HTML first byte, ${f(clock.nav.responseEnd)} HTML done; domInteractive ${f(clock.nav.domInteractive)}; DOMContentLoaded ${f(clock.nav.domContentLoadedEventStart)}–${f(clock.nav.domContentLoadedEventEnd)}`);
  for (const r of clock.resources) {
    console.log(`${f(r.startTime)} → ${f(r.responseEnd)} ${r.initiatorType.padEnd(6)} ${short(r.name)} (${(r.transferSize / 1024).toFixed(1)} kB on the wire, first byte ${r.responseStart.toFixed(0)})`);
  }
  for (const w of clock.ws) console.log(`${f(w.at)} ws ${w.what}${w.text ? ` ${w.text}${w.bytes ? ` (${w.bytes} B)` : ''}` : ''}`);
  console.log(`${f(clock.rowInDom)} first row in the DOM; ${f(clock.row)} its frame (what the bench reports); ${f(clock.painted)} that frame drawn`);

  // Main-thread tasks of the app's renderer, from navigation to a second after the first row.
  const end = t0 + (clock.row + 1000) * 1000;
  const onMain = events.filter((e) => e.pid === pid && e.tid === tid && e.ph === 'X' && e.ts >= t0 && e.ts <= end);
  const tasks = onMain.filter((e) => e.name === 'ThreadControllerImpl::RunTask');
  const busy = tasks.reduce((s, e) => s + (e.dur ?? 0), 0) / 1000;
  console.log(`\n-- main thread: ${tasks.length} tasks, ${busy.toFixed(0)} ms busy up to row+1 s --`);
  const kinds = ['ParseHTML', 'EvaluateScript', 'v8.compile', 'v8.compileModule', 'v8.evaluateModule', 'FunctionCall', 'TimerFire', 'FireAnimationFrame', 'EventDispatch', 'UpdateLayoutTree', 'Layout', 'Paint', 'PrePaint', 'Layerize', 'MajorGC', 'MinorGC', 'V8.GCScavenger', 'ParseAuthorStyleSheet', 'v8.run', 'ResourceReceivedData', 'HitTest', 'ScheduleStyleRecalculation'];
  const totals = new Map<string, number>();
  for (const e of onMain) if (kinds.includes(e.name)) totals.set(e.name, (totals.get(e.name) ?? 0) + (e.dur ?? 0) / 1000);
  console.log([...totals].sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ${v.toFixed(0)}`).join(', '));

  // V8 samples of this renderer (the cpu_profiler category): node trees and sample times.
  const nodes = new Map<number, CpuNode>();
  const samples: { ts: number; node: number }[] = [];
  let sampleTs = 0;
  for (const e of events) {
    if (e.pid !== pid) continue;
    if (e.name === 'Profile') sampleTs = Number(e.args?.data?.startTime ?? e.ts);
    if (e.name !== 'ProfileChunk') continue;
    const prof = e.args?.data?.cpuProfile;
    for (const nd of prof?.nodes ?? []) nodes.set(nd.id, nd);
    const deltas = e.args?.data?.timeDeltas ?? [];
    (prof?.samples ?? []).forEach((id, i) => {
      sampleTs += deltas[i] ?? 0;
      samples.push({ ts: sampleTs, node: id });
    });
  }
  const frameName = (nd: CpuNode) => `${nd.callFrame.functionName || '(anonymous)'} ${short(nd.callFrame.url)}:${nd.callFrame.lineNumber + 1}`;
  const stack = (id: number): CpuNode[] => {
    const out: CpuNode[] = [];
    for (let nd = nodes.get(id); nd; nd = nd.parent !== undefined ? nodes.get(nd.parent) : undefined) out.push(nd);
    return out;
  };
  // Parent ids are not always given: build them from children.
  for (const nd of nodes.values()) for (const c of (nd as CpuNode & { children?: number[] }).children ?? []) {
    const child = nodes.get(c);
    if (child) child.parent = nd.id;
  }

  const long = tasks.filter((e) => (e.dur ?? 0) >= longMs * 1000);
  for (const t of long) {
    const inside = onMain.filter((e) => e !== t && e.name !== 'RunTask' && e.ts >= t.ts && e.ts + (e.dur ?? 0) <= t.ts + (t.dur ?? 0));
    const top = inside.filter((e) => !inside.some((o) => o !== e && o.ts <= e.ts && o.ts + (o.dur ?? 0) >= e.ts + (e.dur ?? 0) && (o.dur ?? 0) > (e.dur ?? 0)));
    console.log(`\n${(t.dur ?? 0) >= 50_000 ? 'LONG TASK' : 'task'} at ${ms(t.ts).toFixed(0)} ms, ${((t.dur ?? 0) / 1000).toFixed(0)} ms:`);
    for (const e of top.sort((a, b) => (b.dur ?? 0) - (a.dur ?? 0)).slice(0, 6)) {
      const d = e.args?.data ?? {};
      const what = [d.url, d.functionName, d.type, d.fileName, (e.args as { beginData?: { url?: string } } | undefined)?.beginData?.url].filter(Boolean).map(String).map(short).join(' ');
      console.log(`  ${((e.dur ?? 0) / 1000).toFixed(1).padStart(6)} ms ${e.name} ${what}`);
    }
    // Self time by function and by the app function nearest the root, from the samples in this task.
    const within = samples.filter((s) => s.ts >= t.ts && s.ts <= t.ts + (t.dur ?? 0));
    if (!within.length) continue;
    const self = new Map<string, number>();
    const app = new Map<string, number>();
    for (const s of within) {
      const st = stack(s.node);
      const leaf = st[0];
      if (leaf) self.set(frameName(leaf), (self.get(frameName(leaf)) ?? 0) + 1);
      // The app's own frames (not react-dom / scheduler internals), innermost first.
      const own = st.filter((nd) => (nd.callFrame.url ?? '').includes('/assets/') && nd.callFrame.functionName);
      const name = own.length ? own.slice(0, 3).map(frameName).join(' < ') : leaf ? frameName(leaf) : '?';
      app.set(name, (app.get(name) ?? 0) + 1);
    }
    const pct = (n: number) => `${((100 * n) / Math.max(1, within.length)).toFixed(0)}%`;
    console.log(`  ${within.length} samples; hottest self:`);
    for (const [k, v] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 8)) console.log(`    ${pct(v).padStart(4)} ${k}`);
    console.log(`  innermost app frames:`);
    for (const [k, v] of [...app].sort((a, b) => b[1] - a[1]).slice(0, 8)) console.log(`    ${pct(v).padStart(4)} ${k}`);
  }
}

async function mainRun(): Promise<void> {
  const argv = process.argv.slice(2);
  const opts = benchOptions(argv);
  const runs = Number(argv[argv.indexOf('--runs') + 1]) || 2;
  const keepAt = argv.indexOf('--keep-trace');
  const keep = keepAt >= 0 ? path.resolve(argv[keepAt + 1] ?? '.') : null;
  console.log(`paint trace: ${opts.listSize} containers, ${runs} traced runs; load average ${loadAverage()}`);
  if (!argv.includes('--no-build')) {
    const b = spawnSync('npx', ['vite', 'build', '--config', 'renderer/vite.config.ts', '--logLevel', 'warn'], { cwd: ROOT, stdio: 'inherit' });
    if (b.status !== 0) throw new Error('the renderer build failed');
  }
  const docker = testDocker();
  await ensureWebImage(docker, WEB_IMAGE);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dockside-paint-trace-'));
  onCleanup(() => fs.rmSync(dir, { recursive: true, force: true }));
  const view = await engineView(path.join(dir, 'engine.sock'), engineSocketPath(), benchLabelValue);
  onCleanup(() => view.close());
  const server = await startAppServer({ DOCKER_HOST: `unix://${view.socketPath}` });
  const browser = await launchChromium();
  await createBenchContainers(opts.listSize, WEB_IMAGE, 'paint');
  // One untraced load first, as the bench does (the server's first answers are not a cold page's).
  const warm = await browser.newContext();
  const p = await warm.newPage();
  await p.goto(await server.link());
  await p.waitForSelector('[data-testid^="container-row-"]', { timeout: 60_000 });
  await warm.close();
  for (let i = 0; i < runs; i++) {
    console.log(`\n===== traced run ${i + 1} (load average ${loadAverage()}) =====`);
    await tracedRun(browser, server, keep, i + 1, !argv.includes('--no-samples'), Number(argv[argv.indexOf('--long') + 1]) || 50);
  }
}

mainRun().then(
  async () => {
    await runCleanups();
    process.exit(0);
  },
  async (err: unknown) => {
    console.error(err instanceof Error ? err.stack : err);
    await runCleanups();
    process.exit(1);
  },
);
