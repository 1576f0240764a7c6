/**
 * First-paint figure: the bench's containers (the engine view shows those alone) listed by a
 * cold page (a new browser context: no cache, no storage) in real Chromium against the running
 * browser-mode server. Time from navigation start (the page's time origin) to the frame in which
 * the first container row is in the DOM, and the longest task (PerformanceObserver 'longtask',
 * buffered) up to one second after it. The peer is `docker ps -a` against the same view (wall
 * time of the process, start to exit). Alternated CLI, Dockside, ...
 */
import type { Browser } from '@playwright/test';
import type { EngineView } from './engine-view';
import { firstRowSeen, floorRun, ROW_MONITOR, startFloorServer, type FloorPaint } from './paint-floor';
import { fmtSpread, runCommand, spread, type AppServer, type ResultRow } from './support';

export interface FirstPaintContext {
  view: EngineView;
  server: AppServer;
  browser: Browser;
  containers: number;
  runs: number;
}

interface Paint {
  row: number;
  /** When the frame holding the first row was done (style, layout, paint on the main thread). */
  painted: number;
  rows: number;
  longest: number;
  /** When the longest task started (page clock), to place it on the timeline. */
  longestAt: number;
  /** DOMContentLoaded end: the eager scripts fetched, parsed and run. */
  dcl: number;
  /** Where the time went, ms on the page's clock (0 = not seen): see `breakdown`. */
  steps: Steps;
  /** The app's #root as it stood a second after the first row (the static floor page shows it). */
  screen: string;
}

/**
 * The page's own timeline up to the first row: the HTML, the boot module starting the engine
 * feed, the session exchange (resource timing of POST /api/session), the socket, the first two
 * container lists (the first can be the server's kept list, the second the engine's fresh read),
 * the app's code evaluated, and the frame with the first row. The `dockside:*` marks are set by
 * the app (renderer/src/api/engine-feed.ts, renderer/src/app-root.tsx).
 */
interface Steps {
  html: number;
  feedStart: number;
  sessionStart: number;
  sessionEnd: number;
  socketOpen: number;
  list1: number;
  list2: number;
  appEvaluated: number;
  appScriptEnd: number;
}

async function docksideRun(ctx: FirstPaintContext): Promise<Paint> {
  const context = await ctx.browser.newContext({ viewport: { width: 1400, height: 900 } });
  try {
    const page = await context.newPage();
    await page.addInitScript(ROW_MONITOR);
    const seen = firstRowSeen(page);
    await page.goto(await ctx.server.link());
    await seen;
    await page.waitForTimeout(1000);
    // Functions, not strings: the app's CSP forbids eval.
    return await page.evaluate(() => {
      type Entry = { name: string; startTime: number; responseEnd: number; domContentLoadedEventEnd?: number };
      const g = globalThis as unknown as { __fp: Paint; performance: { getEntriesByType(t: string): Entry[]; getEntriesByName(n: string): Entry[] } };
      // No named functions in here: tsx would wrap them in a helper the page does not have.
      const marks = Object.fromEntries(
        ['feed-start', 'socket-open', 'containers-list-1', 'containers-list-2', 'app-evaluated'].map((n) => [n, g.performance.getEntriesByName(`dockside:${n}`)[0]?.startTime ?? 0]),
      ) as Record<string, number>;
      const res = g.performance.getEntriesByType('resource');
      const session = res.find((r) => r.name.endsWith('/api/session'));
      const app = res.find((r) => /\/assets\/app-root-[^/]*\.js$/.test(r.name));
      const nav = g.performance.getEntriesByType('navigation')[0] as (Entry & { responseEnd: number }) | undefined;
      const steps: Steps = {
        html: nav?.responseEnd ?? 0,
        feedStart: marks['feed-start'] ?? 0,
        sessionStart: session?.startTime ?? 0,
        sessionEnd: session?.responseEnd ?? 0,
        socketOpen: marks['socket-open'] ?? 0,
        list1: marks['containers-list-1'] ?? 0,
        list2: marks['containers-list-2'] ?? 0,
        appEvaluated: marks['app-evaluated'] ?? 0,
        appScriptEnd: app?.responseEnd ?? 0,
      };
      const screen = (globalThis as unknown as { document: { getElementById(id: string): { innerHTML: string } | null } }).document.getElementById('root')?.innerHTML ?? '';
      return { ...g.__fp, dcl: nav?.domContentLoadedEventEnd ?? 0, steps, screen };
    });
  } finally {
    await context.close();
  }
}

/** The page's timeline as one line of medians (a step the page never reached is left out). */
export function breakdown(runs: Pick<Paint, 'steps' | 'dcl' | 'row' | 'painted'>[]): string {
  const med = (f: (p: Pick<Paint, 'steps' | 'dcl' | 'row' | 'painted'>) => number) => {
    const v = runs.map(f).filter((x) => x > 0);
    return v.length ? spread(v).median : 0;
  };
  const parts: [string, number][] = [
    ['HTML', med((p) => p.steps.html)],
    ['boot module starts the feed', med((p) => p.steps.feedStart)],
    ['session exchange', med((p) => p.steps.sessionEnd)],
    ['socket open', med((p) => p.steps.socketOpen)],
    ['first list', med((p) => p.steps.list1)],
    ['app chunk downloaded', med((p) => p.steps.appScriptEnd)],
    ['app code evaluated', med((p) => p.steps.appEvaluated)],
    ['DOMContentLoaded', med((p) => p.dcl)],
    ['first row in a frame (the figure)', med((p) => p.row)],
    ["that frame's main-thread work done (style, layout, paint)", med((p) => p.painted)],
    ["second list (the engine's fresh read when the first was the server's kept one)", med((p) => p.steps.list2)],
  ];
  return parts
    .filter(([, v]) => v > 0)
    .sort((a, b) => a[1] - b[1])
    .map(([k, v]) => `${k} ${v.toFixed(0)}`)
    .join(', ');
}

async function cliRun(ctx: FirstPaintContext): Promise<{ ms: number; rows: number }> {
  const r = await runCommand('docker', ['ps', '-a'], { ...process.env, DOCKER_HOST: `unix://${ctx.view.socketPath}` });
  if (r.status !== 0) throw new Error(`docker ps -a failed: ${r.stderr}`);
  return { ms: r.ms, rows: r.stdout.trim().split('\n').length - 1 };
}

export async function benchFirstPaint(ctx: FirstPaintContext): Promise<ResultRow[]> {
  const pairs: { cli: { ms: number; rows: number }; dockside: Paint; blank: FloorPaint; floor: FloorPaint }[] = [];
  // One page load first, not counted: the server's first answers (module loading, the engine's
  // first list) are not what a later cold page pays. Its screen is what the static floor shows.
  const warm = await docksideRun(ctx);
  const floorServer = await startFloorServer(warm.screen);
  for (let i = 0; i < ctx.runs; i++) {
    const cli = await cliRun(ctx);
    const dockside = await docksideRun(ctx);
    const blank = await floorRun(ctx.browser, `${floorServer.origin}/blank`);
    const floor = await floorRun(ctx.browser, `${floorServer.origin}/static`);
    console.log(
      `first paint run ${i + 1}: docker ps -a ${cli.ms.toFixed(0)} ms (${cli.rows} rows); Dockside first row ${dockside.row.toFixed(0)} ms (DOMContentLoaded ${dockside.dcl.toFixed(0)} ms, ${dockside.rows} rows in the DOM), longest task ${dockside.longest.toFixed(0)} ms; ${breakdown([dockside])}; ` +
        `floor: blank page ${blank.row.toFixed(0)} ms (drawn ${blank.painted.toFixed(0)}), static page ${floor.row.toFixed(0)} ms (drawn ${floor.painted.toFixed(0)}; ${floor.rows} rows, longest task ${floor.longest.toFixed(0)} ms)`,
    );
    pairs.push({ cli, dockside, blank, floor });
  }
  const d = spread(pairs.map((p) => p.dockside.row));
  const c = spread(pairs.map((p) => p.cli.ms));
  const lt = spread(pairs.map((p) => p.dockside.longest));
  const blank = spread(pairs.map((p) => p.blank.row));
  const floor = spread(pairs.map((p) => p.floor.row));
  const floorLt = spread(pairs.map((p) => p.floor.longest));
  const drawn = (f: (p: (typeof pairs)[number]) => FloorPaint | Paint) => spread(pairs.map((p) => f(p).painted)).median.toFixed(0);
  const cliRows = pairs[0]!.cli.rows;
  const floorNote =
    `floor on this machine's Chromium, same cold-context navigation, no engine and no app code running (bench/paint-floor.ts): a blank page's first paint ${fmtSpread(blank, 0, ' ms')} (frame drawn at ${drawn((p) => p.blank)} ms, median); ` +
    `a static page with the app's stylesheets and the same ${floorServer.eagerJsFiles} eager JS files (${(floorServer.eagerJsBytes / 1000).toFixed(1)} kB, fetched and compiled, not run) drawing the app's first screen (${pairs[0]!.floor.rows} rows) from an inline string ${fmtSpread(floor, 0, ' ms')} (frame drawn at ${drawn((p) => p.floor)} ms, median; longest task ${fmtSpread(floorLt, 0, ' ms')}); the app's frame drawn at ${drawn((p) => p.dockside)} ms (median)`;
  return [
    {
      figure: `First paint, ${ctx.containers} containers: navigation to first row in a cold page (vs \`docker ps -a\` wall time, ${cliRows} rows)`,
      dockside: fmtSpread(d, 0, ' ms'),
      peer: fmtSpread(c, 0, ' ms'),
      ratio: fmtSpread(spread(pairs.map((p) => p.dockside.row / p.cli.ms))),
      target: '< 300 ms',
      met: d.median < 300,
      note:
        `where the time goes (medians, ms after navigation start): ${breakdown(pairs.map((p) => p.dockside))}; ` +
        `${pairs[0]!.dockside.rows} rows in the DOM at first paint (the list is virtualised); ${floorNote}` +
        (d.median < 300 ? '' : `; median ${d.median.toFixed(0)} ms ≥ 300 ms, of which the static floor is ${floor.median.toFixed(0)} ms`),
    },
    {
      figure: `First paint, ${ctx.containers} containers: longest task up to 1 s after the first row`,
      dockside: fmtSpread(lt, 0, ' ms'),
      peer: '—',
      ratio: '—',
      target: '< 50 ms',
      met: lt.median < 50,
      note:
        `Chromium reports only tasks of 50 ms or more (0 = none); the longest started at ${pairs.map((p) => `${p.dockside.longestAt.toFixed(0)}`).join(' / ')} ms (first row at ${pairs.map((p) => p.dockside.row.toFixed(0)).join(' / ')} ms; app code evaluated at ${pairs.map((p) => p.dockside.steps.appEvaluated.toFixed(0)).join(' / ')} ms), run by run; ` +
        `the static floor page's longest task (no app code) ${fmtSpread(floorLt, 0, ' ms')}` +
        (lt.median < 50 ? '' : `; median ${lt.median.toFixed(0)} ms ≥ 50 ms`),
    },
  ];
}
