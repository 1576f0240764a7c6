/**
 * The practice registry in Chromium against the real engine (issue 13): started from lesson 18's
 * Registries tab, logged in to, both tags pushed, the local copies deleted, pulled back, and
 * removed after its confirmation, with the engine (and the registry) checked at each step.
 * On the way, lessons 18 and 19's publishing tasks tick from the UI, un-tick on reset, and tick
 * again from the docker CLI (lesson 19's cluster tasks are in cluster.spec.ts).
 *
 * The registry runs on the locally built image (Debian's docker-registry binary, made by
 * `npm run test:prepare`); the app server and the docker CLI get their own DOCKER_CONFIG, so the
 * developer's logins are never touched. The registry container carries Dockside's own label, not
 * the test label: the test removes it by the id it saw (if the UI did not).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import type { Locator, Page } from '@playwright/test';
import { test as base, expect, startAppServer, stopAppServer, type AppServer } from './fixtures';
import { cleanupRun, testDocker } from '../support/engine';
import { WEB_IMAGE } from '../support/fixtures';
import { RUN_ID, testName } from '../support/labels';
import { tempDockerConfig } from '../support/registry';

const PRACTICE_LABEL = 'dev.dockside.practice-registry=1';
// Made on first use, not at import: Playwright also imports spec files in its runner process
// (to list the tests), which never runs afterAll, so a folder made at import time was left behind.
let configDir = '';
const dockerConfigDir = (): string => (configDir ||= tempDockerConfig());
const cli = (args: string[], input?: string) =>
  execFileSync('docker', args, { encoding: 'utf8', env: { ...process.env, DOCKER_CONFIG: dockerConfigDir() }, ...(input === undefined ? { stdio: ['ignore', 'pipe', 'pipe'] } : { input }) }).trim();

const test = base.extend<{}, { server: AppServer }>({
  server: [
    async ({}, use) => {
      const s = await startAppServer({ DOCKER_CONFIG: dockerConfigDir() });
      await use(s);
      await stopAppServer(s);
    },
    { scope: 'worker' },
  ],
});

const ns = testName('practice');
const base18 = `${ns}/helloworld`;
let repo = '';
let practiceId = '';

test.afterAll(async () => {
  const docker = testDocker();
  if (practiceId) await docker.getContainer(practiceId).remove({ force: true, v: true }).catch(() => undefined);
  // Tags pushed and pulled through the registry name the practice host: remove exactly those.
  for (const ref of [repo, base18]) {
    if (!ref) continue;
    for (const img of await docker.listImages({ filters: { reference: [ref] } })) {
      for (const t of img.RepoTags ?? []) if (t.startsWith(`${ref}:`)) await docker.getImage(t).remove().catch(() => undefined);
    }
  }
  await cleanupRun();
  if (configDir) fs.rmSync(configDir, { recursive: true, force: true });
});

async function openLesson(page: Page, title: string): Promise<Locator> {
  await page.getByRole('button', { name: 'Lessons', exact: true }).click();
  await page.getByRole('button', { name: `Open lesson ${title}` }).click();
  const pane = page.getByRole('complementary', { name: 'Lesson' });
  await expect(pane.getByRole('heading', { name: title, exact: true })).toBeVisible();
  return pane;
}
async function resetLesson(page: Page, pane: Locator) {
  await pane.getByRole('button', { name: /Reset this lesson/ }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Reset lesson' }).click();
}
const isDone = (pane: Locator, task: string, done: boolean) => expect(pane.getByTestId(`task-${task}`)).toHaveAttribute('data-done', String(done));
const how = (pane: Locator, task: string) => pane.getByTestId(`task-${task}`).getByTestId('task-done-how');
const exists = (ref: string) => testDocker().getImage(ref).inspect().then(() => true, () => false);

async function registryTags(host: string, path: string, user: string, password: string): Promise<string[]> {
  const r = await fetch(`http://${host}/v2/${path}/tags/list`, { headers: { Authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}` } });
  return ((await r.json()) as { tags: string[] | null }).tags?.sort() ?? [];
}

async function imagesFiltered(page: Page, query: string) {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Images' }).click();
  await page.getByLabel('Filter images').fill(query);
}

test('practice registry: start, log in, push both tags, delete locally, pull back, stop; lessons 18-19 tick from the UI and the CLI', async ({ app: page }) => {
  test.setTimeout(300_000);
  const docker = testDocker();
  expect((await docker.listContainers({ all: true, filters: { label: [PRACTICE_LABEL] } })).length, 'a practice registry is already on this engine').toBe(0);
  // The learner's helloworld:latest from lesson 13 (namespaced; labelled for cleanup).
  cli(['build', '-q', '-t', `${base18}:latest`, '-'], `FROM ${WEB_IMAGE}\nLABEL dockside.test=${RUN_ID}\n`);
  const baseId = (await docker.getImage(`${base18}:latest`).inspect()).Id;

  const pane18 = await openLesson(page, 'Publishing images and tags');
  for (const t of ['semver-and-latest', 'pushed', 'pulled']) await isDone(pane18, t, false);

  // Start: a running container with Dockside's label on a 127.0.0.1 port, refusing anonymous clients.
  const card = page.getByTestId('practice-registry');
  await card.getByRole('button', { name: 'Start practice registry' }).click();
  await expect(card.getByTestId('practice-host')).toBeVisible({ timeout: 60_000 });
  const host = (await card.getByTestId('practice-host').textContent())!;
  const user = (await card.getByTestId('practice-user').textContent())!;
  const password = (await card.getByTestId('practice-password').textContent())!;
  const [c] = await docker.listContainers({ filters: { label: [PRACTICE_LABEL] } });
  practiceId = c!.Id;
  expect(c!.State).toBe('running');
  expect(c!.Ports.find((p) => p.PrivatePort === 5000)).toMatchObject({ IP: '127.0.0.1', PublicPort: Number(host.split(':')[1]) });
  expect((await fetch(`http://${host}/v2/`)).status).toBe(401);
  // The lesson's hints now name the practice registry's address.
  await expect(pane18.getByTestId('task-pushed')).toContainText(`docker login ${host}`);

  // Log in with the filled form: stored in this test's DOCKER_CONFIG, as docker login does.
  await card.getByRole('button', { name: 'Fill the login form' }).click();
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page.getByTestId('login-result')).toContainText('Login Succeeded');
  expect(JSON.parse(fs.readFileSync(`${dockerConfigDir()}/config.json`, 'utf8')).auths[host].auth).toBeTruthy();

  // Tag a version and latest for the registry from the Images view (lesson 18, task 1).
  repo = `${host}/${base18}`;
  await imagesFiltered(page, base18);
  await page.getByRole('button', { name: `Tags of ${base18}:latest` }).click();
  const tags = page.getByRole('group', { name: `Tags of ${base18}:latest` });
  await tags.getByLabel('Repository').fill(repo);
  await tags.getByLabel('Version').fill('1.0.0');
  await tags.getByRole('button', { name: 'Tag as version + latest' }).click();
  await expect.poll(async () => (await docker.getImage(baseId).inspect()).RepoTags.sort()).toEqual([`${base18}:latest`, `${repo}:1.0.0`, `${repo}:latest`].sort());
  await isDone(pane18, 'semver-and-latest', true);

  // Push both tags: the registry holds both.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Build & publish' }).click();
  await page.getByRole('tab', { name: 'Registries' }).click();
  await page.getByLabel('Repository', { exact: true }).first().fill(repo);
  await page.getByLabel('All tags (--all-tags)').check();
  await page.getByRole('button', { name: 'Push', exact: true }).click();
  await expect(page.getByTestId('push-progress').getByTestId('transfer-status')).toHaveText(['Pushed', 'Pushed'], { timeout: 60_000 });
  expect(await registryTags(host, base18, user, password)).toEqual(['1.0.0', 'latest']);
  await isDone(pane18, 'pushed', true);
  await expect(how(pane18, 'pushed')).toContainText(`Pushed ${repo}:`);

  // Delete the local copies (each tag through its confirmation): the engine no longer has them.
  await imagesFiltered(page, repo);
  for (const t of ['1.0.0', 'latest']) {
    await page.getByRole('button', { name: new RegExp(`^(Remove tag|Untag) ${(repo + ':' + t).replace(/[.]/g, '\\.')}$`) }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Remove', exact: true }).click();
    await expect.poll(() => exists(`${repo}:${t}`)).toBe(false);
  }
  expect(await exists(`${base18}:latest`)).toBe(true);

  // Pull 1.0.0 back from the registry: the same image again.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Build & publish' }).click();
  await page.getByRole('tab', { name: 'Registries' }).click();
  await page.getByLabel('Image reference').fill(`${repo}:1.0.0`);
  await page.getByRole('button', { name: 'Pull', exact: true }).click();
  await expect(page.getByTestId('pull-progress').getByTestId('transfer-status')).toHaveText('Pulled', { timeout: 60_000 });
  expect((await docker.getImage(`${repo}:1.0.0`).inspect()).Id).toBe(baseId);
  await isDone(pane18, 'pulled', true);

  // Reset lesson 18: nothing from before counts; then the same three tasks from the docker CLI.
  await resetLesson(page, pane18);
  for (const t of ['semver-and-latest', 'pushed', 'pulled']) await isDone(pane18, t, false);
  cli(['login', host, '-u', user, '--password-stdin'], password);
  for (const t of ['2.0.0', 'latest']) cli(['tag', `${base18}:latest`, `${repo}:${t}`]);
  await isDone(pane18, 'semver-and-latest', true);
  cli(['push', repo, '--all-tags']);
  await isDone(pane18, 'pushed', true);
  expect(await registryTags(host, base18, user, password)).toEqual(['1.0.0', '2.0.0', 'latest']);
  cli(['image', 'rm', `${repo}:2.0.0`]);
  cli(['pull', `${repo}:2.0.0`]);
  await isDone(pane18, 'pulled', true);
  await expect(how(pane18, 'pulled')).toContainText(`${repo}:2.0.0`);

  // Lesson 19, steps 9-12 from the Pipeline tab after a reset (the pushes above already counted).
  const pane19 = await openLesson(page, 'The deployment pipeline');
  await isDone(pane19, 'pushed-version-and-latest', true);
  await resetLesson(page, pane19);
  await isDone(pane19, 'pushed-version-and-latest', false);
  await isDone(pane19, 'pulled-new-version', false);
  await page.getByLabel('Repository (with registry)').fill(repo);
  await page.getByLabel('New version (x.y.z)').fill('3.0.0');
  await page.getByRole('button', { name: 'Build 3.0.0' }).click();
  await expect(page.getByTestId('pipeline-build-result')).toContainText(`Built and tagged ${repo}:3.0.0 and ${repo}:latest`, { timeout: 60_000 });
  await page.getByRole('button', { name: 'Push 3.0.0 and latest' }).click();
  await expect(page.getByTestId('push-progress').getByTestId('transfer-status')).toHaveText(['Pushed', 'Pushed'], { timeout: 60_000 });
  await isDone(pane19, 'pushed-version-and-latest', true);
  await expect(how(pane19, 'pushed-version-and-latest')).toContainText(`Pushed ${repo}:3.0.0 and ${repo}:latest`);
  await page.getByRole('button', { name: 'Pull 3.0.0' }).click();
  await expect(page.getByTestId('pull-progress').getByTestId('transfer-status')).toHaveText('Pulled', { timeout: 60_000 });
  await isDone(pane19, 'pulled-new-version', true);
  // And from the CLI after another reset.
  await resetLesson(page, pane19);
  await isDone(pane19, 'pushed-version-and-latest', false);
  await isDone(pane19, 'pulled-new-version', false);
  cli(['tag', `${repo}:3.0.0`, `${repo}:3.0.1`]);
  cli(['tag', `${repo}:3.0.0`, `${repo}:latest`]);
  cli(['push', repo, '--all-tags']);
  await isDone(pane19, 'pushed-version-and-latest', true);
  cli(['pull', `${repo}:3.0.1`]);
  await isDone(pane19, 'pulled-new-version', true);

  // Stop it from the Registries tab: Cancel keeps it, Remove (confirmed) deletes the container.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Build & publish' }).click();
  await page.getByRole('tab', { name: 'Registries' }).click();
  await card.getByRole('button', { name: 'Remove practice registry…' }).click();
  const confirm = page.getByRole('dialog', { name: 'Remove the practice registry?' });
  await confirm.getByRole('button', { name: 'Cancel' }).click();
  expect((await docker.getContainer(practiceId).inspect()).State.Running).toBe(true);
  await card.getByRole('button', { name: 'Remove practice registry…' }).click();
  await confirm.getByRole('button', { name: 'Remove', exact: true }).click();
  await expect(card.getByRole('button', { name: 'Start practice registry' })).toBeVisible({ timeout: 30_000 });
  await expect.poll(() => docker.getContainer(practiceId).inspect().then(() => 'exists', () => 'gone')).toBe('gone');
  expect(await docker.listContainers({ all: true, filters: { label: [PRACTICE_LABEL] } })).toEqual([]);
});
