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
import { fmtSpread, runCommand, spread, type AppServer, type ResultRow } from './support';

export interface FirstPaintContext {
  view: EngineView;
  server: AppServer;
  browser: Browser;
  containers: number;
  runs: number;
}

/** Installed before the app's scripts: when the first row lands in a frame, and every long task. */
const MONITOR = `
  window.__fp = { row: 0, rows: 0, longest: 0 };
  new MutationObserver((_, obs) => {
    const rows = document.querySelectorAll('[data-testid^="container-row-"]');
    if (!rows.length) return;
    obs.disconnect();
    requestAnimationFrame((t) => { window.__fp.row = t; window.__fp.rows = document.querySelectorAll('[data-testid^="container-row-"]').length; });
  }).observe(document, { childList: true, subtree: true });
  new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__fp.longest = Math.max(window.__fp.longest, e.duration); }).observe({ type: 'longtask', buffered: true });
`;

interface Paint {
  row: number;
  rows: number;
  longest: number;
  /** DOMContentLoaded end: the eager scripts fetched, parsed and run. */
  dcl: number;
}

async function docksideRun(ctx: FirstPaintContext): Promise<Paint> {
  const context = await ctx.browser.newContext({ viewport: { width: 1400, height: 900 } });
  try {
    const page = await context.newPage();
    await page.addInitScript(MONITOR);
    await page.goto(await ctx.server.link());
    // Functions, not strings: the app's CSP forbids eval.
    await page.waitForFunction(() => (globalThis as unknown as { __fp: Paint }).__fp.row > 0, undefined, { timeout: 60_000 });
    await page.waitForTimeout(1000);
    return await page.evaluate(() => {
      const g = globalThis as unknown as { __fp: Paint; performance: { getEntriesByType(t: string): { domContentLoadedEventEnd?: number }[] } };
      return { ...g.__fp, dcl: g.performance.getEntriesByType('navigation')[0]?.domContentLoadedEventEnd ?? 0 };
    });
  } finally {
    await context.close();
  }
}

async function cliRun(ctx: FirstPaintContext): Promise<{ ms: number; rows: number }> {
  const r = await runCommand('docker', ['ps', '-a'], { ...process.env, DOCKER_HOST: `unix://${ctx.view.socketPath}` });
  if (r.status !== 0) throw new Error(`docker ps -a failed: ${r.stderr}`);
  return { ms: r.ms, rows: r.stdout.trim().split('\n').length - 1 };
}

export async function benchFirstPaint(ctx: FirstPaintContext): Promise<ResultRow[]> {
  const pairs: { cli: { ms: number; rows: number }; dockside: Paint }[] = [];
  // One page load first, not counted: the server's first answers (module loading, the engine's
  // first list) are not what a later cold page pays.
  await docksideRun(ctx);
  for (let i = 0; i < ctx.runs; i++) {
    const cli = await cliRun(ctx);
    const dockside = await docksideRun(ctx);
    console.log(`first paint run ${i + 1}: docker ps -a ${cli.ms.toFixed(0)} ms (${cli.rows} rows); Dockside first row ${dockside.row.toFixed(0)} ms (DOMContentLoaded ${dockside.dcl.toFixed(0)} ms, ${dockside.rows} rows in the DOM), longest task ${dockside.longest.toFixed(0)} ms`);
    pairs.push({ cli, dockside });
  }
  const d = spread(pairs.map((p) => p.dockside.row));
  const c = spread(pairs.map((p) => p.cli.ms));
  const lt = spread(pairs.map((p) => p.dockside.longest));
  const cliRows = pairs[0]!.cli.rows;
  return [
    {
      figure: `First paint, ${ctx.containers} containers: navigation to first row in a cold page (vs \`docker ps -a\` wall time, ${cliRows} rows)`,
      dockside: fmtSpread(d, 0, ' ms'),
      peer: fmtSpread(c, 0, ' ms'),
      ratio: fmtSpread(spread(pairs.map((p) => p.dockside.row / p.cli.ms))),
      target: '< 300 ms',
      met: d.median < 300,
      note:
        `DOMContentLoaded (eager JS fetched and run) at ${fmtSpread(spread(pairs.map((p) => p.dockside.dcl)), 0, ' ms')}, the rest is the session, the engine's first list and rendering; ` +
        `${pairs[0]!.dockside.rows} rows in the DOM at first paint (the list is virtualised)` + (d.median < 300 ? '' : `; median ${d.median.toFixed(0)} ms ≥ 300 ms`),
    },
    {
      figure: `First paint, ${ctx.containers} containers: longest task up to 1 s after the first row`,
      dockside: fmtSpread(lt, 0, ' ms'),
      peer: '—',
      ratio: '—',
      target: '< 50 ms',
      met: lt.median < 50,
      note: `Chromium reports only tasks of 50 ms or more (0 = none)${lt.median < 50 ? '' : `; median ${lt.median.toFixed(0)} ms ≥ 50 ms`}`,
    },
  ];
}
