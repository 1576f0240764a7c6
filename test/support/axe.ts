/**
 * axe-core run in the page itself, injected once per page. @axe-core/playwright's `analyze()`
 * injects axe's 550 kB source again and opens a second, blank page for every call (runPartial,
 * then finishRun there): about 2 s per call on a busy 2-core machine, whatever the page holds
 * (measured: a run limited to the one `region` rule took as long as the whole WCAG set). The app
 * has no frames, so one `axe.run` over the document checks the same nodes with the same rules.
 */
import { createRequire } from 'node:module';
import fs from 'node:fs';
import type { Page } from '@playwright/test';
import type { AxeResults, RunOptions } from 'axe-core';

const require = createRequire(import.meta.url);
const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export async function runAxe(page: Page, options: RunOptions): Promise<AxeResults> {
  // page.evaluate goes through the DevTools protocol, so the app's CSP does not apply to it.
  if (!(await page.evaluate(() => 'axe' in globalThis))) await page.evaluate(AXE_SOURCE);
  // axe.run(options) checks the whole document.
  return page.evaluate((opts) => (globalThis as unknown as { axe: { run(o: RunOptions): Promise<AxeResults> } }).axe.run(opts), options);
}
