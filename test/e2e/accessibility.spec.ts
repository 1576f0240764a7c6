/**
 * axe-core over every view, in the light and the dark theme (issue 13, item 7): no serious or
 * critical WCAG 2.2 A/AA violation. The views are taken from the app's own navigation, so a view
 * added later is checked without touching this file. Also checked: a container's details, the
 * lesson pane, and keyboard behaviour axe cannot see (skip links, one tab stop per row, tabs,
 * focus returned after a dialog).
 */
import type { Browser, Page } from '@playwright/test';
import { expect, showOwnContainers, test, type AppServer } from './fixtures';
import { runAxe } from '../support/axe';
import { cleanupRun, runContainer } from '../support/engine';
import { WEB_IMAGE } from '../support/fixtures';
import { testName } from '../support/labels';

// This file's containers go when it ends: files run one after another in a worker, and the
// next ones should not have to look past them (a long list renders only the rows on screen).
test.afterAll(async () => {
  await cleanupRun();
});

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'];

async function seriousViolations(page: Page): Promise<string[]> {
  const { violations } = await runAxe(page, { runOnly: { type: 'tag', values: TAGS }, resultTypes: ['violations'] });
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help}\n${v.nodes.slice(0, 5).map((n) => `    ${n.target.join(' ')} ${n.html.slice(0, 160)}: ${n.failureSummary?.split('\n').slice(1, 3).join(' ')}`).join('\n')}`);
}

async function openApp(browser: Browser, server: AppServer, colorScheme: 'light' | 'dark'): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, colorScheme });
  const page = await context.newPage();
  await page.goto(await server.link());
  await page.getByTestId('engine-status').and(page.locator('[data-state="connected"]')).waitFor();
  await showOwnContainers(page);
  return page;
}

/** Lets a view finish its first load (lists arrive over the socket) before axe looks at it. */
async function settle(page: Page): Promise<void> {
  await expect(page.locator('main#main-content')).not.toContainText(/^Loading/, { timeout: 10_000 });
  await page.waitForLoadState('networkidle').catch(() => undefined);
  await expect.poll(() => page.getByText(/Loading…$/).count(), { timeout: 10_000 }).toBe(0);
}

for (const colorScheme of ['light', 'dark'] as const) {
  test(`every view has no serious or critical axe violations (${colorScheme} theme)`, async ({ server, browserInstance }) => {
    // axe takes several seconds per page on a busy 2-core machine: 8+ views and 3 more states per theme.
    test.setTimeout(360_000);
    const name = testName(`a11y-${colorScheme}`);
    await runContainer({ name, image: WEB_IMAGE, ports: { '80/tcp': '' } });
    const page = await openApp(browserInstance, server, colorScheme);
    expect(await page.evaluate("matchMedia('(prefers-color-scheme: dark)').matches")).toBe(colorScheme === 'dark');
    const nav = page.getByRole('navigation', { name: 'Main' });
    const labels = await nav.getByRole('button').allTextContents();
    expect(labels.length).toBeGreaterThanOrEqual(7);
    const report: string[] = [];
    for (const label of labels) {
      await nav.getByRole('button', { name: label, exact: true }).click();
      await settle(page);
      for (const v of await seriousViolations(page)) report.push(`[${label}] ${v}`);
    }
    // A container's details (the inspect document and the live log view) and a lesson beside the list.
    await nav.getByRole('button', { name: 'Containers', exact: true }).click();
    await page.getByRole('button', { name: `Details of ${name}` }).click();
    for (const tab of ['Inspect', 'Logs']) {
      await page.getByRole('tablist', { name: `Details of ${name}` }).getByRole('tab', { name: tab, exact: true }).click();
      await settle(page);
      for (const v of await seriousViolations(page)) report.push(`[Containers › ${tab}] ${v}`);
    }
    await nav.getByRole('button', { name: 'Lessons', exact: true }).click();
    await page.getByRole('button', { name: 'Open lesson Running a container' }).click();
    await expect(page.getByTestId('lesson-pane')).toBeVisible();
    await settle(page);
    for (const v of await seriousViolations(page)) report.push(`[Lesson pane] ${v}`);
    expect(report, report.join('\n')).toEqual([]);
    await page.context().close();
  });
}

test('keyboard: skip link, one tab stop per container row with arrow keys inside, tabs with arrow keys, focus back after a dialog', async ({ app }) => {
  // Other containers on the shared engine may sit between the two: the filter box shows only ours.
  const tag = `kb${Date.now().toString(36)}`;
  const first = testName(`${tag}-1`);
  const second = testName(`${tag}-2`);
  await runContainer({ name: first, image: WEB_IMAGE });
  await runContainer({ name: second, image: WEB_IMAGE });
  // The first Tab stop is the skip link; it lands on the main region. Tab starts from where focus
  // last was (the fixture's filter box): the body, made focusable for a moment, is a fresh page's start.
  await app.locator('body').evaluate((body) => {
    body.setAttribute('tabindex', '-1');
    (body as unknown as { focus(): void }).focus();
    body.removeAttribute('tabindex');
  });
  await app.keyboard.press('Tab');
  await expect(app.getByRole('button', { name: 'Skip to main content' })).toBeFocused();
  await app.keyboard.press('Enter');
  await expect(app.locator('main#main-content')).toBeFocused();

  await app.getByRole('searchbox', { name: 'Filter containers' }).fill(`${tag}-`);
  const secondRow = app.getByTestId(`container-row-${second}`);
  await expect(secondRow).toBeVisible();
  await expect(app.locator('[data-testid^="container-row-"]')).toHaveCount(2);

  // One tab stop per row: Tab from a row's name goes to the next row, not to the row's own buttons.
  const rows = app.locator('[data-testid^="container-row-"]');
  const names = await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-testid')!.replace('container-row-', '')));
  const i = names.indexOf(second);
  const j = names.indexOf(first);
  expect(i).toBeGreaterThanOrEqual(0);
  expect(Math.abs(i - j)).toBe(1);
  const [upper, lower] = i < j ? [second, first] : [first, second];
  await app.getByRole('button', { name: `Details of ${upper}` }).focus();
  await app.keyboard.press('Tab');
  await expect(app.getByRole('button', { name: `Details of ${lower}` })).toBeFocused();
  // Arrow keys inside: → to the row's actions, ↑ to the same column of the row above.
  await app.keyboard.press('ArrowRight');
  await expect(app.getByRole('button', { name: `Stop ${lower}` })).toBeFocused();
  await app.keyboard.press('ArrowRight');
  await expect(app.getByRole('button', { name: `Kill ${lower}` })).toBeFocused();
  await app.keyboard.press('ArrowUp');
  await expect(app.getByRole('button', { name: `Kill ${upper}` })).toBeFocused();
  // Home: the row's first control, its checkbox; → from there reaches the name again.
  await app.keyboard.press('Home');
  await expect(app.getByRole('checkbox', { name: `Select ${upper}` })).toBeFocused();
  await app.keyboard.press('ArrowRight');
  await expect(app.getByRole('button', { name: `Details of ${upper}` })).toBeFocused();

  // A dialog returns focus to its opener when it closes.
  await app.getByRole('button', { name: `Remove ${lower}` }).focus();
  await app.keyboard.press('Enter');
  const dialog = app.getByRole('dialog', { name: `Remove container ${lower}?` });
  await expect(dialog).toBeVisible();
  await app.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(app.getByRole('button', { name: `Remove ${lower}` })).toBeFocused();

  // Details: focus on the heading; the tabs follow the ARIA pattern (arrows move, Enter selects, panel labelled).
  await app.getByRole('button', { name: `Details of ${lower}` }).click();
  await expect(app.getByRole('heading', { name: `Details of ${lower}` })).toBeFocused();
  const tabs = app.getByRole('tablist', { name: `Details of ${lower}` }).getByRole('tab');
  await app.keyboard.press('Tab');
  await expect(tabs.first()).toBeFocused();
  await expect(tabs.first()).toHaveAttribute('aria-selected', 'true');
  await app.keyboard.press('End');
  await expect(tabs.last()).toBeFocused();
  await app.keyboard.press('Home');
  await expect(tabs.first()).toBeFocused();
  await app.keyboard.press('ArrowLeft');
  await expect(tabs.last()).toBeFocused();
  // Arrows only move; Enter selects (a tab that streams or polls starts only when chosen).
  await expect(tabs.last()).toHaveAttribute('aria-selected', 'false');
  await app.keyboard.press('Enter');
  await expect(tabs.last()).toHaveAttribute('aria-selected', 'true');
  const panelId = await tabs.last().getAttribute('aria-controls');
  await expect(app.locator(`#${panelId}`)).toHaveAttribute('role', 'tabpanel');
  await expect(app.locator(`#${panelId}`)).toBeVisible();
});
