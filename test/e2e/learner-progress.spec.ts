/**
 * Progress means the learner did it (issue 13, item 1), in Chromium against the real engine, with
 * a fresh progress file and engine history from before the course started:
 * - nothing from that history ticks a task;
 * - docker CLI commands tick (exec ls), a failed one does not (netstat with a bad flag), `rm -f` is
 *   not a kill, a stop and a Kill from the UI tick;
 * - a tab a lesson opens is not the learner's action (Shell waits for a click, Top's refresh does
 *   not count), the learner's own click does; each done task says how and when;
 * - a reset un-ticks, and stays un-ticked while the old containers still exist.
 */
import { execFileSync } from 'node:child_process';
import type { Page } from '@playwright/test';
import { test as base, expect, startAppServer, stopAppServer, CHROMIUM, type AppServer } from './fixtures';
import { chromium, type Browser } from '@playwright/test';
import { cleanupRun } from '../support/engine';
import { WEB_IMAGE } from '../support/fixtures';
import { labelArgs, testName } from '../support/labels';

const docker = (...args: string[]) => execFileSync('docker', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
const run = (name: string, ...extra: string[]) => docker('run', '-d', '--name', name, ...labelArgs(), ...extra, WEB_IMAGE);
const dockerMayFail = (...args: string[]) => {
  try {
    docker(...args);
  } catch {
    // The failure is the point (a failed exec).
  }
};

let server: AppServer;
let browser: Browser;
const old = testName('old');
const box = testName('box');

const test = base.extend<{ page: Page }>({
  page: async ({}, use) => {
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    const page = await context.newPage();
    await page.goto(server.url);
    await page.getByTestId('engine-status').and(page.locator('[data-state="connected"]')).waitFor();
    await use(page);
    await context.close();
  },
});

test.beforeAll(async () => {
  // Engine history from before the course: exec, top, kill, a memory limit, a non-zero exit.
  run(old, '--memory', '64m');
  docker('exec', old, 'ls', '/');
  docker('top', old);
  const victim = testName('victim');
  run(victim);
  docker('kill', victim);
  dockerMayFail('run', '--name', testName('broken'), ...labelArgs(), WEB_IMAGE, 'sh', '-c', 'exit 3');
  // A moment later than all of that, the learner starts Dockside with fresh progress.
  await new Promise((r) => setTimeout(r, 1500));
  server = await startAppServer();
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'] });
});

test.afterAll(async () => {
  await browser?.close();
  if (server) await stopAppServer(server);
  await cleanupRun();
});

async function openLesson(page: Page, title: string) {
  await page.getByRole('button', { name: 'Lessons', exact: true }).click();
  await page.getByRole('button', { name: `Open lesson ${title}` }).click();
  const pane = page.getByRole('complementary', { name: 'Lesson' });
  await expect(pane.getByRole('heading', { name: title, exact: true })).toBeVisible();
  return pane;
}

test('older engine history ticks nothing; CLI and UI actions tick; failed, rm -f and background work do not; reset un-ticks', async ({ page }) => {
  test.setTimeout(150_000);
  await page.getByRole('button', { name: 'Lessons', exact: true }).click();
  await expect(page.getByTestId('course-progress')).toBeVisible();
  // Only "the engine is connected" holds; every hands-on lesson starts at zero.
  for (const id of ['running-a-container', 'stop-vs-kill', 'volumes', 'exec-and-shell', 'dockerfiles', 'logs', 'top', 'resource-limits', 'publishing', 'deployment-pipeline']) {
    await expect(page.getByTestId(`lesson-tasks-${id}`)).toHaveText(/^0 \/ \d+$/);
  }
  await expect(page.getByTestId('course-progress')).toContainText(/^1 of \d+ tasks done/);

  // Lesson 8 from the CLI: a failed netstat does not count, a working ls does.
  const pane8 = await openLesson(page, 'Exec, netstat and a live shell');
  run(box);
  docker('exec', box, 'true'); // not a lesson command
  dockerMayFail('exec', box, 'netstat', '--no-such-flag');
  const netstat = pane8.getByTestId('task-exec-netstat');
  await expect(netstat).toContainText('failed (exit code');
  await expect(netstat).toHaveAttribute('data-done', 'false');
  docker('exec', box, 'ls', '/');
  const ls = pane8.getByTestId('task-exec-ls');
  await expect(ls).toHaveAttribute('data-done', 'true');
  await expect(ls.getByTestId('task-done-how')).toContainText(`Ran "ls /" in ${box}`);

  // The lesson opened the Shell tab: it waits for the learner, so nothing ticks by itself.
  await page.getByRole('button', { name: `Details of ${box}` }).click();
  const shell = pane8.getByTestId('task-live-shell');
  await expect(page.getByRole('button', { name: 'Open a shell' })).toBeVisible();
  await expect(shell).toHaveAttribute('data-done', 'false');
  await page.getByRole('button', { name: 'Open a shell' }).click();
  await expect(shell).toHaveAttribute('data-done', 'true');

  // Lesson 16: the lesson opens Top; its refresh every 2 s is Dockside's, not the learner's.
  const pane16 = await openLesson(page, 'Top');
  await page.getByRole('button', { name: `Details of ${box}` }).click();
  await expect(page.getByTestId('top-tab')).toBeVisible();
  await expect(page.getByTestId('top-row').first()).toBeVisible();
  await page.waitForTimeout(4500); // two background refreshes
  const top = pane16.getByTestId('task-ran-top');
  await expect(top).toHaveAttribute('data-done', 'false');
  await page.getByRole('button', { name: 'Run docker top now' }).click();
  await expect(top).toHaveAttribute('data-done', 'true');

  // Lesson 6: rm -f is not a kill; a docker stop from the CLI and Kill from the UI tick.
  const pane6 = await openLesson(page, 'Stop vs kill');
  const gone = testName('rmf');
  run(gone);
  docker('rm', '-f', gone);
  const stopped = testName('stopped');
  run(stopped);
  docker('stop', '-t', '1', stopped);
  await expect(pane6.getByTestId('task-stopped')).toHaveAttribute('data-done', 'true');
  await expect(pane6.getByTestId('task-stopped').getByTestId('task-done-how')).toContainText(stopped);
  // (The engine is shared: someone else's kill would count too, so the checks look at our names.)
  const killed = pane6.getByTestId('task-killed');
  await expect(killed).not.toContainText(gone);
  const target = testName('kill');
  run(target);
  await page.getByRole('button', { name: `Kill ${target}` }).click();
  await expect(killed).toHaveAttribute('data-done', 'true');
  await expect(killed).toContainText(target);
  await expect(killed).not.toContainText(gone);

  // Reset: both un-tick and stay so, although the stopped and killed containers still exist.
  await pane6.getByRole('button', { name: /Reset this lesson/ }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Reset lesson' }).click();
  await expect(killed).not.toContainText(target);
  await expect(pane6.getByTestId('task-stopped')).not.toContainText(stopped);
  // Something new on the engine makes the tracker evaluate again: still nothing from before counts.
  docker('exec', box, 'true');
  await page.waitForTimeout(1000);
  await expect(killed).not.toContainText(target);
  await expect(pane6.getByTestId('task-stopped')).not.toContainText(stopped);
});
