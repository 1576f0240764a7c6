/**
 * Dockside's code arrives even when the browser cancels a download (Chromium fails requests in
 * flight with ERR_NETWORK_CHANGED when Docker adds a network interface, as a container start
 * does: seen in CI while the page loaded), and a part whose code never arrives says so in its
 * place instead of leaving a blank page. Real app server, real engine, Chromium; the failures
 * are made by aborting requests in the page's own network stack.
 */
import type { Browser, BrowserContext } from '@playwright/test';
import { expect, test, type AppServer } from './fixtures';

/** The entry module and its static imports: a page whose entry fails cannot retry anything (the HTML's own script). */
const ENTRY = /\/assets\/(index|rolldown-runtime|react)-[\w-]+\.js$/;

async function context(browser: Browser): Promise<BrowserContext> {
  return browser.newContext({ viewport: { width: 1400, height: 900 } });
}

async function open(ctx: BrowserContext, server: AppServer) {
  const page = await ctx.newPage();
  await page.goto(await server.link());
  return page;
}

test('chunks whose first download fails are fetched again: the app, then a view, load', async ({ server, browserInstance }) => {
  const ctx = await context(browserInstance);
  const failed = new Set<string>();
  await ctx.route(/\/assets\/[\w-]+\.js$/, async (route) => {
    const url = route.request().url();
    if (ENTRY.test(url) || failed.has(url)) return route.continue();
    failed.add(url);
    await route.abort('internetdisconnected');
  });
  const page = await open(ctx, server);
  await expect(page.getByTestId('engine-status')).toHaveAttribute('data-state', 'connected');
  await expect(page.getByRole('heading', { name: 'Containers', exact: true })).toBeVisible();
  expect([...failed].some((u) => /app-root-/.test(u))).toBe(true);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Images' }).click();
  await expect(page.getByRole('heading', { name: 'Images', exact: true })).toBeVisible();
  expect([...failed].some((u) => /\/images-/.test(u))).toBe(true);
  await ctx.close();
});

test('stylesheets whose first download fails are fetched again: the page is styled', async ({ server, browserInstance }) => {
  const ctx = await context(browserInstance);
  const failed = new Set<string>();
  await ctx.route(/\/assets\/[\w-]+\.css$/, async (route) => {
    const url = route.request().url();
    if (failed.has(url)) return route.continue();
    failed.add(url);
    await route.abort('internetdisconnected');
  });
  const page = await open(ctx, server);
  await expect(page.getByTestId('engine-status')).toHaveAttribute('data-state', 'connected');
  expect([...failed].some((u) => /\/index-/.test(u))).toBe(true);
  // What the user sees: the navigation is a styled sidebar (no list bullets), every sheet is in.
  const nav = page.getByRole('navigation', { name: 'Main' }).getByRole('list');
  await expect(nav).toHaveCSS('list-style-type', 'none');
  // Every stylesheet link left in the page has its rules (a failed one's cannot be read).
  const unloaded = () =>
    page.locator('link[rel="stylesheet"]').evaluateAll((ls) =>
      ls.filter((l) => {
        try {
          return !((l as unknown as { sheet: { cssRules: { length: number } } | null }).sheet?.cssRules.length ?? 0);
        } catch {
          return true;
        }
      }).length,
    );
  await expect.poll(unloaded).toBe(0);
  await ctx.close();
});

test('a view whose code never arrives says so in its place; the rest of the app keeps working', async ({ server, browserInstance }) => {
  const ctx = await context(browserInstance);
  let tries = 0;
  await ctx.route(/\/assets\/images-[\w-]+\.js$/, async (route) => {
    tries++;
    await route.abort('internetdisconnected');
  });
  const page = await open(ctx, server);
  await expect(page.getByTestId('engine-status')).toHaveAttribute('data-state', 'connected');
  const nav = page.getByRole('navigation', { name: 'Main' });
  await nav.getByRole('button', { name: 'Images' }).click();
  const alert = page.getByRole('alert').filter({ hasText: 'Dockside could not show this view' });
  await expect(alert).toBeVisible();
  await expect(alert.getByRole('button', { name: 'Reload Dockside' })).toBeVisible();
  // One first try and three more, a moment apart.
  expect(tries).toBe(4);
  await nav.getByRole('button', { name: 'Volumes' }).click();
  await expect(page.getByRole('heading', { name: 'Volumes', exact: true })).toBeVisible();
  await expect(alert).toHaveCount(0);
  await ctx.close();
});
