/**
 * Budget for the renderer's first paint (issue 16): the JS that the built index.html loads eagerly
 * (its module entry plus every modulepreload) stays under 500 kB and 150 kB gzip, and none of the
 * heavy libraries that only some views need (xterm, recharts, the markdown stack) is part of it.
 * Sizes, not timings: it reads the `vite build` output that the e2e stage builds first. The HTML is
 * parsed by Chromium itself (scripts off), as the browser would read it.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { expect, test } from './fixtures';

const DIST = path.resolve(import.meta.dirname, '../../renderer/dist');
const MAX_BYTES = 500 * 1024;
const MAX_GZIP = 150 * 1024;
/** A marker each heavy library carries in its own code (class names it writes into the DOM). */
const HEAVY = { xterm: 'xterm-helper-textarea', recharts: 'recharts-wrapper', markdown: 'micromark' };

test('the renderer loads at most 500 kB (150 kB gzip) of JS before the first paint, without xterm, recharts or markdown', async ({ browserInstance }) => {
  const html = readFileSync(path.join(DIST, 'index.html'), 'utf8');
  // Scripts off: Chromium only parses the page, it runs and fetches nothing of it.
  const context = await browserInstance.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.setContent(html);
  const srcs = async (selector: string, attr: string) =>
    Promise.all((await page.locator(selector).all()).map(async (el) => (await el.getAttribute(attr)) ?? ''));
  const eager = [...new Set([...(await srcs('script[src]', 'src')), ...(await srcs('link[rel="modulepreload"][href]', 'href'))])];
  await context.close();
  expect(eager.length, 'index.html loads an entry script').toBeGreaterThan(0);

  let bytes = 0;
  let gzip = 0;
  const sizes: string[] = [];
  for (const src of eager) {
    const code = readFileSync(path.join(DIST, src));
    bytes += code.length;
    gzip += gzipSync(code).length;
    sizes.push(`${src} ${(code.length / 1024).toFixed(1)} kB`);
    for (const [lib, marker] of Object.entries(HEAVY)) {
      expect(code.includes(marker), `${src} must not hold ${lib} (load it with the view that needs it)`).toBe(false);
    }
  }
  const summary = `eager JS ${(bytes / 1024).toFixed(1)} kB, ${(gzip / 1024).toFixed(1)} kB gzip: ${sizes.join(', ')}`;
  test.info().annotations.push({ type: 'initial JS', description: summary });
  expect(bytes, summary).toBeLessThanOrEqual(MAX_BYTES);
  expect(gzip, summary).toBeLessThanOrEqual(MAX_GZIP);
});
