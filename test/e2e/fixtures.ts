/**
 * Playwright fixtures: the real app server (`main/browser/serve.ts`, browser mode) against the
 * real engine, and Debian's Chromium (never a downloaded browser). Each test gets a page already
 * opened on a fresh one-time link of the app (as a user opens the printed link), and its own data folder,
 * with the containers list narrowed to the worker's own containers (showOwnContainers).
 */
import { test as base, chromium, type Browser, type Page } from '@playwright/test';
import { startAppServer, stopAppServer, type AppServer } from '../support/app-server';
import { RUN_ID } from '../support/labels';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export { startAppServer, stopAppServer, type AppServer };

export const test = base.extend<{ app: Page }, { server: AppServer; browserInstance: Browser }>({
  server: [
    async ({}, use) => {
      const s = await startAppServer();
      await use(s);
      await stopAppServer(s);
    },
    { scope: 'worker' },
  ],
  browserInstance: [
    async ({}, use) => {
      const browser = await chromium.launch({
        executablePath: CHROMIUM,
        args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
      });
      await use(browser);
      await browser.close();
    },
    { scope: 'worker' },
  ],
  app: async ({ server, browserInstance }, use) => {
    const context = await browserInstance.newContext({ viewport: { width: 1400, height: 900 } });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.origin });
    const page = await context.newPage();
    await page.goto(await server.link());
    await page.getByTestId('engine-status').and(page.locator('[data-state="connected"]')).waitFor();
    await showOwnContainers(page);
    await use(page);
    await context.close();
  },
});

/**
 * Narrows the containers list to this worker's containers (their `dockside.test` label carries
 * the worker's run id, also on what a test creates through the app: `--label`). The other worker's
 * can number a hundred at a time (lists.spec makes 80), and a list that long puts only the rows
 * on screen in the page (renderer/src/components/virtual-rows.tsx): a row pushed down by newer
 * containers is not there to find. `more` adds terms (all must match).
 */
export async function showOwnContainers(page: Page, ...more: string[]): Promise<void> {
  const box = page.getByRole('searchbox', { name: 'Filter containers' });
  await box.fill([RUN_ID, ...more].join(' '));
  // Focus back where a fresh page has it (keyboard tests start from there).
  await box.blur();
}

export { expect } from '@playwright/test';
