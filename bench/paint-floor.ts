/**
 * The floor under the first-paint figure: what this machine's Chromium needs at least to show a
 * first row in a cold page, with no engine and no app code running. Two static pages, served
 * from a plain Node HTTP server on 127.0.0.1 (no session, no WebSocket), each opened in a new
 * browser context exactly as the figure opens the app:
 *
 * - blank: one line of text, no CSS, no script (a cold page's first paint on this Chromium);
 * - static: the app's built index.html head (the same stylesheets, the same eager JS files as
 *   `modulepreload`, so the same bytes are fetched and compiled, but none of it runs), and one
 *   small module that puts the app's own first screen (its DOM as captured from a real page,
 *   with the rows the list showed) into the page from an inline string.
 *
 * The difference between the app's figure and the static floor is what the engine round trips
 * and the app's code (React rendering the list) add; the floor itself is Chromium's own cost of
 * fetching, styling, laying out and painting that screen here.
 */
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Browser, Page } from '@playwright/test';
import { onCleanup, ROOT } from './support';

const DIST = path.join(ROOT, 'renderer', 'dist');

/**
 * Installed before the page's scripts: when the first container row is in a frame about to be
 * drawn (`row`, the figure) and when that frame's main-thread work is done (`painted`), and every
 * long task. It says so on the console, which Playwright hears without injecting anything into
 * the page: polling with waitForFunction evaluated Playwright's own script in the page (30-50 ms
 * of main-thread work in the trace, in the middle of the cold load it measures).
 */
export const ROW_MONITOR = `
  window.__fp = { row: 0, painted: 0, rows: 0, longest: 0, longestAt: 0 };
  new MutationObserver((_, obs) => {
    const rows = document.querySelectorAll('[data-testid^="container-row-"]');
    if (!rows.length) return;
    obs.disconnect();
    // The clock read in the callback, not the frame's timestamp: a frame that began before a long
    // task (the one that inserted the row) carries a time earlier than the row existed.
    requestAnimationFrame(() => {
      window.__fp.row = performance.now();
      window.__fp.rows = document.querySelectorAll('[data-testid^="container-row-"]').length;
      // A task queued from the frame's callback runs once that frame's style, layout and paint
      // are done: the row is drawn (by the main thread; rasterising follows on other threads).
      setTimeout(() => { window.__fp.painted = performance.now(); console.log('dockside-bench:first-row'); }, 0);
    });
  }).observe(document, { childList: true, subtree: true });
  new PerformanceObserver((list) => { for (const e of list.getEntries()) if (e.duration > window.__fp.longest) { window.__fp.longest = e.duration; window.__fp.longestAt = e.startTime; } }).observe({ type: 'longtask', buffered: true });
`;

export interface FloorServer {
  origin: string;
  /** Bytes of the eager JS the static page fetches (what index.html loads eagerly). */
  eagerJsBytes: number;
  eagerJsFiles: number;
}

/**
 * Serves renderer/dist/assets, a blank page at /blank, and the static floor page at /static
 * showing `screenHtml` (the app's #root contents).
 */
export async function startFloorServer(screenHtml: string): Promise<FloorServer> {
  const index = fs.readFileSync(path.join(DIST, 'index.html'), 'utf8');
  const head = /<head>([\s\S]*)<\/head>/.exec(index)?.[1] ?? '';
  // Every eager script becomes a modulepreload: fetched and compiled, never run.
  const scripts = [...head.matchAll(/<script type="module"[^>]*? src="\.\/([^"]+)"><\/script>/g)].map((m) => m[1]!);
  const preloads = [...head.matchAll(/<link rel="modulepreload" crossorigin href="\.\/([^"]+)">/g)].map((m) => m[1]!);
  const eager = [...scripts, ...preloads];
  const eagerJsBytes = eager.reduce((s, f) => s + fs.statSync(path.join(DIST, f)).size, 0);
  const staticHead = head
    .replace(/<meta\s+http-equiv="Content-Security-Policy"[\s\S]*?\/>/, '')
    .replace(/<script type="module"[^>]*? src="(\.\/[^"]+)"><\/script>/g, '<link rel="modulepreload" crossorigin href="$1">');
  const pages: Record<string, { type: string; body: string }> = {
    '/blank': { type: 'text/html', body: '<!doctype html><html lang="en"><head><meta charset="UTF-8"><title>blank</title></head><body><p data-testid="container-row-blank">Dockside</p></body></html>' },
    '/static': {
      type: 'text/html',
      body: `<!doctype html><html lang="en"><head>${staticHead}<script type="module" src="./floor.js"></script></head><body><div id="root"></div></body></html>`,
    },
    '/floor.js': { type: 'text/javascript', body: `document.getElementById('root').innerHTML = ${JSON.stringify(screenHtml)};\n` },
  };
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x').pathname;
    const page = pages[url];
    if (page) {
      res.writeHead(200, { 'content-type': page.type, 'cache-control': 'no-store' });
      res.end(page.body);
      return;
    }
    const file = path.join(DIST, path.normalize(url).replace(/^([/\\])+/, ''));
    if (!file.startsWith(DIST + path.sep) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      res.writeHead(404).end();
      return;
    }
    const type = file.endsWith('.js') ? 'text/javascript' : file.endsWith('.css') ? 'text/css' : 'application/octet-stream';
    res.writeHead(200, { 'content-type': type });
    fs.createReadStream(file).pipe(res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  onCleanup(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return { origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, eagerJsBytes, eagerJsFiles: eager.length };
}

/** Resolves when ROW_MONITOR says the first row is drawn (set it up before navigating). */
export function firstRowSeen(page: Page, timeout = 60_000): Promise<unknown> {
  return page.waitForEvent('console', { predicate: (m) => m.text() === 'dockside-bench:first-row', timeout });
}

export interface FloorPaint {
  row: number;
  painted: number;
  rows: number;
  longest: number;
}

/** One cold load of a floor page (`/blank` or `/static`), timed as the figure times the app. */
export async function floorRun(browser: Browser, url: string, attempts = 2): Promise<FloorPaint> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  try {
    const page = await context.newPage();
    await page.addInitScript(ROW_MONITOR);
    const seen = firstRowSeen(page, 20_000);
    await page.goto(url);
    await seen;
    await page.waitForTimeout(300);
    return await page.evaluate(() => {
      const fp = (globalThis as unknown as { __fp: FloorPaint }).__fp;
      return { row: fp.row, painted: fp.painted, rows: fp.rows, longest: fp.longest };
    });
  } catch (err) {
    // Once in ~50 loads at load 7 a floor page never said it drew its row (no console message
    // in 60 s): a fresh cold load then, rather than losing the whole figure.
    if (attempts <= 1) throw err;
    console.log(`floor page ${url}: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}; loading it again`);
  } finally {
    await context.close();
  }
  return floorRun(browser, url, attempts - 1);
}
