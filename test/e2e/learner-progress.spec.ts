/**
 * Progress means the learner did it (issue 13, item 1), in Chromium against the real engine, with
 * a fresh progress file and engine history from before the course started:
 * - nothing from that history ticks a task;
 * - docker CLI commands tick (exec ls), a failed one does not (netstat with a bad flag), `rm -f` is
 *   not a kill, a stop and a Kill from the UI tick;
 * - a tab a lesson opens is not the learner's action (Shell waits for a click, Top's refresh does
 *   not count), the learner's own click does; each done task says how and when;
 * - a reset un-ticks, and stays un-ticked while the old containers still exist;
 * - commands typed in the Shell tab count like `docker exec`, a failed one does not;
 * - lessons 5, 7, 13, 14 and 17: every task once from the UI, a reset, then once from the docker
 *   CLI (lessons 18-19 are in practice-registry.spec.ts, 19's cluster tasks in cluster.spec.ts).
 */
import { execFileSync } from 'node:child_process';
import type { Page } from '@playwright/test';
import { test as base, expect, startAppServer, stopAppServer, CHROMIUM, type AppServer } from './fixtures';
import { chromium, type Browser } from '@playwright/test';
import { cleanupRun } from '../support/engine';
import { WEB_IMAGE } from '../support/fixtures';
import { labelArgs, testName } from '../support/labels';

const docker = (...args: string[]) => execFileSync('docker', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
/** A docker command reading stdin (docker build -). */
const dockerWithInput = (input: string, ...args: string[]) => execFileSync('docker', args, { encoding: 'utf8', input, stdio: ['pipe', 'pipe', 'pipe'] }).trim();
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
    await page.goto(await server.link());
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

  // Commands typed in the Shell tab count like the same docker exec; a failed one does not.
  const terminal = page.getByTestId('shell-terminal');
  await expect(terminal).toContainText('/ #');
  await terminal.click();
  await page.keyboard.type('netstat --bad-flag-in-shell');
  await page.keyboard.press('Enter');
  await expect(netstat).toContainText(`"netstat --bad-flag-in-shell" ran in ${box} but failed (exit code 1)`);
  await expect(netstat).toHaveAttribute('data-done', 'false');
  await expect(terminal).toContainText('Usage: netstat');
  await page.keyboard.type('netstat -ltn');
  await page.keyboard.press('Enter');
  await expect(netstat).toHaveAttribute('data-done', 'true');
  await expect(netstat.getByTestId('task-done-how')).toContainText(`Ran "netstat -ltn" in ${box} (in the Shell tab)`);
  await expect(terminal).not.toContainText('7771');

  // Lesson 16: the lesson opens Top; its refreshes (here: after an exec event) are Dockside's,
  // not the learner's.
  // The box's details are still open from lesson 8: the lesson switches them to its Top tab
  // (with the lesson pane open they replace the list, so there is no row to click).
  const pane16 = await openLesson(page, 'Top');
  await expect(page.getByRole('heading', { name: new RegExp(box) })).toBeVisible();
  await expect(page.getByTestId('top-tab')).toBeVisible();
  await expect(page.getByTestId('top-row').first()).toBeVisible();
  const answered = Number(await page.getByTestId('top-tab').getAttribute('data-answers'));
  docker('exec', box, 'true'); // exec_start / exec_die: Top refreshes by itself
  await expect.poll(async () => Number(await page.getByTestId('top-tab').getAttribute('data-answers'))).toBeGreaterThan(answered);
  await page.waitForTimeout(3500); // past the grace time in which the refresh's `top` event arrives
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
  // The box's details are still open and, beside the lesson pane, they replace the list: back to it.
  await page.getByRole('button', { name: 'All containers' }).click();
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

/** Runs a pasted `docker run` command through the Run dialog of the containers view (the learner's UI path). */
async function runFromDialog(page: Page, command: string) {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Containers' }).click();
  await page.getByRole('button', { name: 'Run a container' }).click();
  const dialog = page.getByRole('dialog', { name: 'Run a container' });
  await dialog.getByRole('button', { name: 'Paste a docker run command' }).click();
  await dialog.getByLabel('Command to paste', { exact: true }).fill(command);
  await dialog.getByRole('button', { name: 'Fill the form' }).click();
  await expect(dialog.getByRole('alert', { name: 'Command problems' })).toHaveCount(0);
  await dialog.getByRole('button', { name: 'Run', exact: true }).click();
  return dialog;
}

async function resetLesson(page: Page, pane: ReturnType<Page['getByRole']>) {
  await pane.getByRole('button', { name: /Reset this lesson/ }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Reset lesson' }).click();
}

const done = (pane: ReturnType<Page['getByRole']>, task: string) => expect(pane.getByTestId(`task-${task}`)).toHaveAttribute('data-done', 'true');
const notDone = (pane: ReturnType<Page['getByRole']>, task: string) => expect(pane.getByTestId(`task-${task}`)).toHaveAttribute('data-done', 'false');
const how = (pane: ReturnType<Page['getByRole']>, task: string) => pane.getByTestId(`task-${task}`).getByTestId('task-done-how');

/**
 * Opens a lesson and resets it first: the engine is shared with other test runs, whose containers
 * (a non-zero exit, a 64 MiB limit, a volume re-mount) would count since the course started; a
 * reset right before acting keeps the window for that small. (The first test shows the fresh course at 0.)
 */
async function openFreshLesson(page: Page, title: string) {
  const pane = await openLesson(page, title);
  await resetLesson(page, pane);
  return pane;
}

test('lessons 5, 7, 13, 14, 17: each task ticks from the UI, a reset un-ticks it, and the docker CLI ticks it again', async ({ page }) => {
  test.setTimeout(240_000);
  const label = labelArgs().join(' ');

  // Lesson 5: host port 8080 to container port 80 (the lesson's exact numbers). 8080 is bound on
  // 127.0.0.2 and 127.0.0.3 (both loopback) so a 127.0.0.1:8080 someone else holds does not collide.
  const pane5 = await openFreshLesson(page, 'Running a container');
  await notDone(pane5, 'publish-8080');
  const web5 = testName('l5-ui');
  await expect(await runFromDialog(page, `docker run -d --name ${web5} -p 127.0.0.2:8080:80 ${label} ${WEB_IMAGE}`)).toBeHidden();
  await done(pane5, 'publish-8080');
  await expect(how(pane5, 'publish-8080')).toContainText(`${web5} forwards host port 8080 to its port 80`);
  await resetLesson(page, pane5);
  await notDone(pane5, 'publish-8080');
  const cli5 = testName('l5-cli');
  run(cli5, '-p', '127.0.0.3:8080:80');
  await done(pane5, 'publish-8080');
  await expect(how(pane5, 'publish-8080')).toContainText(`${cli5} forwards host port 8080`);

  // Lesson 14: a container that exited by itself with a non-zero code (attached run in the dialog).
  const pane14 = await openFreshLesson(page, 'Reading logs');
  await notDone(pane14, 'failed-container');
  const broken = testName('l14-ui');
  const dialog = await runFromDialog(page, `docker run --name ${broken} ${label} ${WEB_IMAGE} sh -c 'echo oops >&2; exit 3'`);
  await expect(dialog.getByText(`${broken} exited with code 3`)).toBeVisible();
  await dialog.getByRole('button', { name: 'Close' }).click();
  await done(pane14, 'failed-container');
  await expect(how(pane14, 'failed-container')).toContainText(`${broken} exited with code 3`);
  await resetLesson(page, pane14);
  await expect(how(pane14, 'failed-container')).toHaveCount(0);
  const brokenCli = testName('l14-cli');
  dockerMayFail('run', '--name', brokenCli, ...labelArgs(), WEB_IMAGE, 'sh', '-c', 'exit 4');
  await done(pane14, 'failed-container');
  await expect(how(pane14, 'failed-container')).toContainText(`${brokenCli} exited with code 4`);

  // Lesson 17: memory and CPU limits, both tasks from one run each way.
  const pane17 = await openFreshLesson(page, 'Resource limits');
  await notDone(pane17, 'memory-64');
  await notDone(pane17, 'half-cpu');
  const small = testName('l17-ui');
  await expect(await runFromDialog(page, `docker run -d --name ${small} --memory 64m --cpus 0.5 ${label} ${WEB_IMAGE}`)).toBeHidden();
  await done(pane17, 'memory-64');
  await done(pane17, 'half-cpu');
  await expect(how(pane17, 'memory-64')).toContainText(`${small} may use at most 64 MiB`);
  await expect(how(pane17, 'half-cpu')).toContainText(`${small} may use at most 0.5 CPU`);
  await resetLesson(page, pane17);
  await notDone(pane17, 'memory-64');
  await notDone(pane17, 'half-cpu');
  const smallCli = testName('l17-cli');
  run(smallCli, '--memory', '48m', '--cpus', '0.25');
  await done(pane17, 'memory-64');
  await done(pane17, 'half-cpu');
  await expect(how(pane17, 'memory-64')).toContainText(`${smallCli} may use at most 48 MiB`);
  await expect(how(pane17, 'half-cpu')).toContainText(`${smallCli} may use at most 0.25 CPU`);

  // Lesson 7: a volume used by a container, that container removed (with its confirmation), the
  // same volume mounted by a new one. Volumes are created labelled first (docker run -v would make
  // an unlabelled one).
  const pane7 = await openFreshLesson(page, 'Volumes and persistence');
  await notDone(pane7, 'outlived');
  const volUi = testName('l7-ui');
  docker('volume', 'create', ...labelArgs(), volUi);
  const first = testName('l7-first');
  await expect(await runFromDialog(page, `docker run -d --name ${first} -v ${volUi}:/data ${label} ${WEB_IMAGE}`)).toBeHidden();
  await page.getByRole('button', { name: `Remove ${first}` }).click();
  const removeDialog = page.getByRole('dialog', { name: `Remove container ${first}?` });
  await removeDialog.getByLabel(/It is running: kill it first/).check();
  await removeDialog.getByRole('button', { name: 'Stop and remove' }).click();
  await expect(page.getByRole('button', { name: `Remove ${first}` })).toHaveCount(0);
  await notDone(pane7, 'outlived');
  await expect(await runFromDialog(page, `docker run -d --name ${testName('l7-second')} -v ${volUi}:/data ${label} ${WEB_IMAGE}`)).toBeHidden();
  await done(pane7, 'outlived');
  await resetLesson(page, pane7);
  await notDone(pane7, 'outlived');
  const volCli = testName('l7-cli');
  docker('volume', 'create', ...labelArgs(), volCli);
  const firstCli = testName('l7-cli1');
  run(firstCli, '-v', `${volCli}:/data`);
  docker('rm', '-f', firstCli);
  run(testName('l7-cli2'), '-v', `${volCli}:/data`);
  await done(pane7, 'outlived');
  await expect(how(pane7, 'outlived')).toContainText(`Volume ${volCli} was kept`);

  // Lesson 13: an image tagged helloworld:latest, built from the Build view's Dockerfile editor,
  // then with docker build. The repository is namespaced (…/helloworld) so no one's own
  // helloworld is touched; the Dockerfile labels the image for cleanup.
  const pane13 = await openFreshLesson(page, 'Dockerfiles and docker build');
  await notDone(pane13, 'helloworld');
  const dockerfile = `FROM ${WEB_IMAGE}\nLABEL dockside.test=${labelArgs()[1]!.split('=')[1]}\n`;
  const uiRef = `${testName('l13-ui')}/helloworld:latest`;
  await page.getByRole('radio', { name: 'Write a Dockerfile' }).click();
  await page.getByLabel('Build name').fill(testName('l13'));
  await page.getByLabel('Dockerfile', { exact: true }).fill(`${dockerfile}RUN echo ui > /var/www/index.html\n`);
  await page.getByLabel('Tags (-t), comma separated').fill(uiRef);
  await page.getByRole('button', { name: 'Build', exact: true }).click();
  await expect(page.getByTestId('build-done')).toBeVisible({ timeout: 60_000 });
  await done(pane13, 'helloworld');
  await expect(how(pane13, 'helloworld')).toContainText(`Found ${uiRef}`);
  await resetLesson(page, pane13);
  await notDone(pane13, 'helloworld');
  const cliRef = `${testName('l13-cli')}/helloworld:latest`;
  dockerWithInput(`${dockerfile}RUN echo cli > /var/www/index.html\n`, 'build', '-q', '-t', cliRef, '-');
  await done(pane13, 'helloworld');
  await expect(how(pane13, 'helloworld')).toContainText(`Found ${cliRef}`);
});
