/**
 * The layout for a lesson beside the live view (issue 13, item 2), in Chromium against the real
 * engine: a 1024×700 window with the lesson pane open and 40 containers, master–detail with the
 * URL remembering it, per-container busy actions, the resizable and collapsible lesson pane.
 */
import type { Browser, Page } from '@playwright/test';
import { expect, showOwnContainers, test, type AppServer } from './fixtures';
import { cleanupRun, runContainer, testDocker } from '../support/engine';
import { WEB_IMAGE } from '../support/fixtures';
import { RUN_ID, testLabels, testName } from '../support/labels';

// This file's containers go when it ends: files run one after another in a worker, and the
// next ones should not have to look past them (a long list renders only the rows on screen).
test.afterAll(async () => {
  await cleanupRun();
});

async function openPage(browser: Browser, server: AppServer, width: number, height: number): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height } });
  const page = await context.newPage();
  // Each one-time link opens one page (browser mode's security).
  await page.goto(await server.link());
  await page.getByTestId('engine-status').and(page.locator('[data-state="connected"]')).waitFor();
  return page;
}

async function openLessonFromCourse(page: Page, title: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Lessons' }).click();
  await page.getByRole('button', { name: `Open lesson ${title}` }).click();
  await expect(page.getByTestId('lesson-pane')).toBeVisible();
}

test.describe('1024×700 with the lesson pane open and 40 containers', () => {
  const names: string[] = [];
  test.beforeAll(async () => {
    test.setTimeout(120_000);
    for (let i = 0; i < 40; i += 8) {
      await Promise.all(
        Array.from({ length: 8 }, async (_, j) => {
          // One name far longer than the name column: cut to one line, never a taller row.
          const name = testName(`layout${String(i + j).padStart(2, '0')}${i + j === 39 ? '-a-name-much-longer-than-the-column' : ''}`);
          names.push(name);
          // Running and stopped ones: their rows have different actions (Start vs Stop + Kill).
          await runContainer({ name, image: WEB_IMAGE, ports: (i + j) % 5 === 0 ? { '80/tcp': '' } : {}, start: (i + j) % 4 !== 0 });
        }),
      );
    }
  });

  test('every row shows its actions without horizontal scrolling, and the last container opens with its tabs in view', async ({ server, browserInstance }) => {
    // 40 rows measured on a loaded 2-core machine.
    test.setTimeout(180_000);
    const page = await openPage(browserInstance, server, 1024, 700);
    await openLessonFromCourse(page, 'Running a container');
    // This run's 40 (its label and their names): a shared engine may hold hundreds more, and a
    // list that long has only the rows on screen in the page (components/virtual-rows.tsx).
    await page.getByRole('searchbox', { name: 'Filter containers' }).fill(`${RUN_ID} layout`);
    const rows = page.locator('[data-testid^="container-row-"]');
    for (const name of names) await expect(page.getByTestId(`container-row-${name}`)).toBeVisible();

    const content = page.locator('main#main-content');
    const box = (await content.boundingBox())!;
    // No horizontal scroll anywhere: the main region and the page fit their width.
    expect(await content.evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(0);
    expect(await page.locator('html').evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(0);
    const count = await rows.count();
    expect(count).toBeGreaterThanOrEqual(40);
    // Every row's action buttons lie inside the main region (measured in one pass: 40 rows, ~160 buttons).
    const measured = await rows.evaluateAll((trs) =>
      trs.map((tr) => ({
        height: tr.getBoundingClientRect().height,
        text: (tr as unknown as { innerText: string }).innerText.replace(/\s+/g, ' '),
        buttons: [...tr.querySelectorAll('.col-actions button')].map((b) => {
          const r = b.getBoundingClientRect();
          return { left: r.left, right: r.right, width: r.width, label: b.getAttribute('aria-label') ?? '', title: b.getAttribute('title') ?? '' };
        }),
      })),
    );
    for (const m of measured) {
      expect(m.buttons.length).toBeGreaterThanOrEqual(3);
      for (const b of m.buttons) {
        expect(b.width).toBeGreaterThan(0);
        expect(b.left).toBeGreaterThanOrEqual(box.x);
        expect(b.right).toBeLessThanOrEqual(box.x + box.width);
        // An icon button's accessible name is also its tooltip.
        expect(b.title).toContain(b.label);
      }
    }
    // Compact rows (the issue measured about 130 px).
    const tallest = measured.reduce((a, b) => (b.height > a.height ? b : a));
    expect(tallest.height, `tallest row (${tallest.height} px): ${tallest.text}`).toBeLessThanOrEqual(48);
    // The long name is cut (with an ellipsis: styles.css); the whole name is its tooltip.
    const long = names.find((n) => n.includes('much-longer'))!;
    const longLink = page.getByRole('button', { name: `Details of ${long}` });
    await expect(longLink).toHaveAttribute('title', long);
    expect(await longLink.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);

    // The last row: open it; its details replace the list (no room beside), tabs inside the viewport, focus on the heading.
    const lastName = (await rows.nth(count - 1).getAttribute('data-testid'))!.replace('container-row-', '');
    await rows.nth(count - 1).getByRole('button', { name: `Details of ${lastName}` }).click();
    const tabs = page.getByRole('tablist', { name: `Details of ${lastName}` });
    await expect(tabs).toBeVisible();
    const t = (await tabs.boundingBox())!;
    expect(t.y).toBeGreaterThanOrEqual(0);
    expect(t.y + t.height).toBeLessThanOrEqual(700);
    expect(t.x + t.width).toBeLessThanOrEqual(1024);
    await expect(page.getByRole('heading', { name: `Details of ${lastName}` })).toBeFocused();
    await expect(page.getByTestId('lesson-pane')).toBeVisible();

    // The way back: the list again, focus on that container's name.
    await page.getByRole('button', { name: 'Back to all containers' }).click();
    await expect(page.getByRole('button', { name: `Details of ${lastName}` })).toBeFocused();
    await page.context().close();
  });

  test('the lesson pane resizes with the keyboard and the mouse, folds away, and remembers its width', async ({ server, browserInstance }) => {
    // Two page loads and a reload with 40 rows: slow on a busy shared machine.
    test.setTimeout(120_000);
    const page = await openPage(browserInstance, server, 1024, 700);
    await openLessonFromCourse(page, 'Running a container');
    const pane = page.getByRole('complementary', { name: 'Lesson' });
    const splitter = page.getByRole('separator', { name: 'Resize lesson pane' });
    const before = (await pane.boundingBox())!.width;
    await splitter.focus();
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    await expect.poll(async () => (await pane.boundingBox())!.width).toBe(before + 40);
    // Dragging the edge to the right narrows it.
    const s = (await splitter.boundingBox())!;
    await page.mouse.move(s.x + s.width / 2, s.y + 200);
    await page.mouse.down();
    await page.mouse.move(s.x + s.width / 2 + 60, s.y + 200, { steps: 4 });
    await page.mouse.up();
    await expect.poll(async () => (await pane.boundingBox())!.width).toBe(before + 40 - 60);
    const width = Number(await splitter.getAttribute('aria-valuenow'));

    await page.getByRole('button', { name: 'Hide lesson' }).click();
    await expect(page.getByTestId('lesson-pane')).toHaveCount(0);
    expect((await pane.boundingBox())!.width).toBeLessThan(60);
    await page.getByRole('button', { name: 'Show lesson' }).click();
    await expect(page.getByTestId('lesson-pane')).toBeVisible();

    // A reload keeps the lesson (URL hash) and the width (remembered).
    await page.reload();
    await expect(page.getByTestId('lesson-pane')).toBeVisible();
    await expect(page.getByRole('separator', { name: 'Resize lesson pane' })).toHaveAttribute('aria-valuenow', String(width));
    await page.context().close();
  });
});

test('the open container and its tab live in the URL: reload keeps them, Back returns to the list', async ({ app }) => {
  const name = testName('layout-url');
  await runContainer({ name, image: WEB_IMAGE });
  await app.getByRole('button', { name: `Details of ${name}` }).click();
  await expect(app.getByRole('heading', { name: `Details of ${name}` })).toBeFocused();
  await app.getByRole('tab', { name: 'Logs' }).click();
  await expect(app).toHaveURL(new RegExp(`#/containers/${name}/logs$`));
  await app.reload();
  await expect(app.getByRole('region', { name: `Details of ${name}` })).toBeVisible();
  await expect(app.getByRole('tab', { name: 'Logs' })).toHaveAttribute('aria-selected', 'true');
  await app.goBack();
  await expect(app.getByRole('region', { name: `Details of ${name}` })).toHaveCount(0);
  await expect(app).toHaveURL(/#\/containers$/);
});

test('a slow Stop on one container leaves Kill usable on it and every other row usable', async ({ app }) => {
  const slow = testName('layout-slow');
  const other = testName('layout-other');
  // busybox httpd as PID 1 ignores SIGTERM, so Stop waits the container's whole grace period
  // before SIGKILL: 120 s here (the engine's default is 10 s), longer than this test needs to act.
  const slowC = await testDocker().createContainer({ name: slow, Image: WEB_IMAGE, Labels: testLabels(), StopTimeout: 120 });
  await slowC.start();
  const otherC = await runContainer({ name: other, image: WEB_IMAGE });
  await showOwnContainers(app, 'layout-');
  const slowRow = app.getByTestId(`container-row-${slow}`);
  const otherRow = app.getByTestId(`container-row-${other}`);
  await slowRow.getByRole('button', { name: `Stop ${slow}` }).click();
  await expect(slowRow.getByRole('button', { name: `Stop ${slow}` })).toHaveText('Stopping…');
  await expect(slowRow.getByRole('button', { name: `Stop ${slow}` })).toBeDisabled();
  await expect(slowRow.getByRole('button', { name: `Kill ${slow}` })).toBeEnabled();
  await expect(slowRow.getByRole('button', { name: `Restart ${slow}` })).toBeEnabled();
  for (const action of ['Stop', 'Kill', 'Restart', 'Remove']) await expect(otherRow.getByRole('button', { name: `${action} ${other}` })).toBeEnabled();

  // Another row acts while the Stop is still in flight.
  await otherRow.getByRole('button', { name: `Kill ${other}` }).click();
  await expect(otherRow).toHaveAttribute('data-state', 'exited');
  // What the engine holds: killed (SIGKILL, exit code 137), not stopped.
  expect((await otherC.inspect()).State).toMatchObject({ Running: false, ExitCode: 137 });
  await expect(slowRow.getByRole('button', { name: `Stop ${slow}` })).toHaveText('Stopping…');

  // Kill is the fallback lesson 6 teaches: it works on the container being stopped.
  await slowRow.getByRole('button', { name: `Kill ${slow}` }).click();
  await expect(slowRow).toHaveAttribute('data-state', 'exited');
  // Exited with 137 long before the 120 s grace period: the Kill did it, not the Stop's own SIGKILL.
  expect((await slowC.inspect()).State).toMatchObject({ Running: false, ExitCode: 137 });
});
