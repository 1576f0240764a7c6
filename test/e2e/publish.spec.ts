/**
 * Build & publish in Chromium against the real engine and a real registry (docker-registry with
 * htpasswd auth on 127.0.0.1): build with the log streaming, push with progress, pull back, and
 * the pulled image runs (through the pipeline's replace step). The app server gets its own
 * DOCKER_CONFIG so the developer's ~/.docker/config.json is never touched.
 */
import fs from 'node:fs';
import { test as base, expect, startAppServer, stopAppServer, type AppServer } from './fixtures';
import { cleanupRun, hostPortOf, runContainer, testDocker } from '../support/engine';
import { WEB_IMAGE } from '../support/fixtures';
import { RUN_ID, TEST_LABEL, testName } from '../support/labels';
import { startRegistry, stopRegistry, tempDockerConfig, type TestRegistry } from '../support/registry';

const test = base.extend<{}, { registry: TestRegistry; dockerConfig: string; server: AppServer }>({
  registry: [
    async ({}, use) => {
      const r = await startRegistry();
      await use(r);
      await stopRegistry(r);
    },
    { scope: 'worker' },
  ],
  dockerConfig: [
    async ({}, use) => {
      const dir = tempDockerConfig();
      await use(dir);
      fs.rmSync(dir, { recursive: true, force: true });
    },
    { scope: 'worker' },
  ],
  server: [
    async ({ dockerConfig }, use) => {
      const s = await startAppServer({ DOCKER_CONFIG: dockerConfig });
      await use(s);
      await stopAppServer(s);
    },
    { scope: 'worker' },
  ],
});

let repo = '';

test.describe.configure({ mode: 'serial' });

test.afterAll(async () => {
  await cleanupRun();
  // Images built through the UI carry no test label: remove exactly the repository we created.
  const docker = testDocker();
  for (const ref of [repo, `${repo.replace(/\/[^/]+$/, '')}/broken`]) {
    if (!ref) continue;
    const imgs = await docker.listImages({ filters: { reference: [ref] } });
    for (const img of imgs) await docker.getImage(img.Id).remove({ force: true }).catch(() => undefined);
  }
});

test('builds from the in-app Dockerfile editor with the log streaming, and shows a failing step', async ({ app, registry }) => {
  repo = `${registry.host}/dockside-test/${testName('e2e').replace('dockside-test-', '')}`;
  await app.getByRole('button', { name: 'Build & publish' }).click();
  await app.getByRole('radio', { name: 'Write a Dockerfile' }).click();
  await app.getByLabel('Build name').fill('e2e-site');
  await app
    .getByLabel('Dockerfile', { exact: true })
    .fill(`FROM ${WEB_IMAGE}\nRUN echo "<h1>e2e pulled</h1>" > /var/www/index.html\nRUN for i in 1 2 3 4 5; do echo counting $i; sleep 0.4; done\n`);
  await app.getByLabel('Tags (-t), comma separated').fill(`${repo}:1.0.0, ${repo}:latest`);
  await app.getByLabel('--no-cache').check();
  await app.getByRole('button', { name: 'Build', exact: true }).click();
  // The log streams: step 3 is on screen while its RUN is still counting.
  await expect(app.getByTestId('build-step')).toContainText('Step 3/3');
  await expect(app.getByTestId('build-log')).toContainText('counting 1');
  await expect(app.getByTestId('build-done')).toBeVisible({ timeout: 30_000 });
  await expect(app.getByTestId('build-log')).toContainText('counting 5');
  await expect(app.getByTestId('docker-command').first()).toContainText(`docker build -t ${repo}:1.0.0 -t ${repo}:latest --no-cache `);
  await expect(app.getByTestId('docker-command').first()).toContainText('/builds/e2e-site');
  await expect(app.getByRole('table', { name: 'Image history' })).toContainText('counting');
  const info = await testDocker().getImage(`${repo}:1.0.0`).inspect();
  expect(info.RepoTags.sort()).toEqual([`${repo}:1.0.0`, `${repo}:latest`]);

  // A broken Dockerfile: the failing step and the builder's message, plainly. `RUN echo fine` is
  // committed before the failure and left untagged; the LABEL after FROM (inherited by it) lets
  // cleanup by label remove it.
  await app.getByLabel('Dockerfile', { exact: true }).fill(`FROM ${WEB_IMAGE}\nLABEL ${TEST_LABEL}=${RUN_ID}\nRUN echo fine\nRUN cat /no/such/file\n`);
  await app.getByLabel('Tags (-t), comma separated').fill(`${repo.replace(/\/[^/]+$/, '')}/broken:1`);
  await app.getByRole('button', { name: 'Build', exact: true }).click();
  await expect(app.getByTestId('build-failed')).toContainText('Step 4/4 failed: RUN cat /no/such/file');
  await expect(app.getByTestId('build-failed')).toContainText('returned a non-zero code: 1');
});

test('logs in (wrong, then right), pushes all tags with progress, lists the registry tags', async ({ app, registry, dockerConfig }) => {
  await app.getByRole('button', { name: 'Build & publish' }).click();
  await app.getByRole('tab', { name: 'Registries' }).click();
  await app.getByLabel('Registry', { exact: true }).fill(registry.host);
  await app.getByLabel('Username').fill(registry.username);
  await app.getByLabel('Password or token').fill('wrong-password');
  await app.getByRole('button', { name: 'Log in' }).click();
  await expect(app.getByRole('alert')).toContainText('401 Unauthorized');
  await app.getByLabel('Password or token').fill(registry.password);
  await app.getByRole('button', { name: 'Log in' }).click();
  await expect(app.getByTestId('login-result')).toContainText('Login Succeeded');
  await expect(app.getByTestId('login-result')).toContainText('config.json');
  await expect(app.getByRole('table', { name: 'Registries you are logged in to' })).toContainText(registry.host);
  expect(JSON.parse(fs.readFileSync(`${dockerConfig}/config.json`, 'utf8')).auths[registry.host].auth).toBeTruthy();

  await app.getByLabel('Repository').first().fill(repo);
  await app.getByLabel('All tags (--all-tags)').check();
  await app.getByRole('button', { name: 'Push', exact: true }).click();
  const progress = app.getByTestId('push-progress');
  await expect(progress.getByRole('progressbar', { name: 'Push of 1.0.0' })).toBeVisible();
  await expect(progress.getByTestId('transfer-status')).toHaveText(['Pushed', 'Pushed'], { timeout: 30_000 });
  await expect(progress).toContainText(/Pushed|Layer already exists/);

  await app.getByLabel('Repository').last().fill(repo);
  await app.getByRole('button', { name: 'List tags' }).click();
  await expect(app.getByTestId('registry-tags')).toHaveText(/1\.0\.0\s*latest/);
});

test('deletes the local copy, pulls it back, and the pulled image runs in place of an old container', async ({ app, registry }) => {
  const docker = testDocker();
  for (const t of ['1.0.0', 'latest']) await docker.getImage(`${repo}:${t}`).remove();
  await expect(docker.getImage(`${repo}:1.0.0`).inspect()).rejects.toThrow();

  const old = await runContainer({ name: testName('pipe-old'), image: WEB_IMAGE, ports: { '80/tcp': '' } });
  const oldPort = await hostPortOf(old);

  await app.getByRole('button', { name: 'Build & publish' }).click();
  await app.getByRole('tab', { name: 'Pipeline' }).click();
  await expect(app.getByRole('img', { name: /Deployment pipeline/ })).toBeVisible();
  await app.getByLabel('Repository (with registry)').fill(repo);
  await app.getByLabel('New version (x.y.z)').fill('1.0.0');
  await app.getByRole('button', { name: 'Pull 1.0.0' }).click();
  await expect(app.getByTestId('pull-progress').getByTestId('transfer-status')).toHaveText('Pulled', { timeout: 30_000 });
  expect((await docker.getImage(`${repo}:1.0.0`).inspect()).RepoTags).toContain(`${repo}:1.0.0`);

  await app.getByLabel('Running container to replace').selectOption({ label: `${(await old.inspect()).Name.slice(1)} (${WEB_IMAGE})` });
  await app.getByRole('button', { name: 'Replace with 1.0.0' }).click();
  await expect(app.getByTestId('replace-log')).toContainText('now serves the new version', { timeout: 40_000 });
  const newCard = app.getByTestId('card-new');
  await expect(newCard).toContainText(`${repo}:1.0.0`);
  await newCard.getByRole('button', { name: 'Check New version answers' }).click();
  await expect(newCard.getByTestId('probe-answer')).toContainText('e2e pulled');
  await expect(app.getByTestId('card-old')).toContainText('Exited');
  expect((await old.inspect()).State.Running).toBe(false);
  expect(oldPort).toBeGreaterThan(0);
  void registry;
});

test('reports the context size, refuses a bad folder by name, and cancels a running build', async ({ app }) => {
  await app.getByRole('button', { name: 'Build & publish' }).click();
  await app.getByLabel('Folder (absolute path)').fill('/no/such/folder');
  await app.getByRole('button', { name: 'Check context size' }).click();
  await expect(app.getByRole('alert')).toContainText('The folder /no/such/folder does not exist.');

  await app.getByRole('radio', { name: 'Write a Dockerfile' }).click();
  await app.getByLabel('Build name').fill('e2e-cancel');
  await app.getByLabel('Dockerfile', { exact: true }).fill(`FROM ${WEB_IMAGE}\nRUN echo start-of-sleep && sleep 25\n`);
  await app.getByRole('button', { name: 'Check context size' }).click();
  await expect(app.getByTestId('context-report')).toContainText('in 1 files (no .dockerignore: everything is sent)');
  await app.getByLabel('Tags (-t), comma separated').fill(`${testName('cancel')}:1`);
  await app.getByLabel('--no-cache').check();
  await app.getByRole('button', { name: 'Build', exact: true }).click();
  await expect(app.getByTestId('build-log')).toContainText('start-of-sleep');
  const sleeping = async () => (await testDocker().listContainers()).filter((c) => c.Command.includes('start-of-sleep')).map((c) => c.Id);
  // The log shows the step before the engine creates its container: wait for the container.
  let ids: string[] = [];
  await expect.poll(async () => (ids = await sleeping()).length, { timeout: 15_000 }).toBeGreaterThan(0);
  await app.getByRole('button', { name: 'Cancel build' }).click();
  await expect(app.getByTestId('build-failed')).toContainText('Build cancelled.');
  // The engine stopped the build: its RUN container is gone well before the 25 s sleep ends.
  await expect.poll(async () => (await testDocker().listContainers({ all: true })).filter((c) => ids.includes(c.Id)).length, { timeout: 15_000 }).toBe(0);
});

test('walks pipeline steps 9-13 live: build 2.0.0, push both tags, replace the running 1.0.0, remove the old after confirming', async ({ app, registry }) => {
  const old = await runContainer({ name: testName('pipe-v1'), image: `${repo}:1.0.0`, ports: { '80/tcp': '' } });
  const oldName = (await old.inspect()).Name.slice(1);
  await app.getByRole('button', { name: 'Build & publish' }).click();
  await app.getByRole('tab', { name: 'Pipeline' }).click();
  await app.getByLabel('Repository (with registry)').fill(repo);
  await app.getByLabel('New version (x.y.z)').fill('2.0.0');
  await app.getByRole('button', { name: 'Build 2.0.0' }).click();
  await expect(app.getByTestId('pipeline-build-result')).toContainText(`Built and tagged ${repo}:2.0.0 and ${repo}:latest`, { timeout: 30_000 });
  await expect(app.locator('[data-step="9"]')).toHaveAttribute('data-state', 'done');

  await app.getByRole('button', { name: 'Push 2.0.0 and latest' }).click();
  await expect(app.getByTestId('push-progress').getByTestId('transfer-status')).toHaveText(['Pushed', 'Pushed'], { timeout: 30_000 });
  await expect(app.locator('[data-step="11"]')).toHaveAttribute('data-state', 'done');
  const tags = await fetch(`http://${registry.host}/v2/${repo.slice(registry.host.length + 1)}/tags/list`, {
    headers: { Authorization: `Basic ${Buffer.from(`${registry.username}:${registry.password}`).toString('base64')}` },
  }).then((r) => r.json() as Promise<{ tags: string[] }>);
  expect(tags.tags.sort()).toEqual(['1.0.0', '2.0.0', 'latest']);

  await app.getByLabel('Running container to replace').selectOption({ label: `${oldName} (${repo}:1.0.0)` });
  await app.getByRole('button', { name: 'Replace with 2.0.0' }).click();
  await expect(app.getByTestId('replace-log')).toContainText('now serves the new version', { timeout: 40_000 });
  await expect(app.locator('[data-step="13"]')).toHaveAttribute('data-state', 'done');
  await app.getByTestId('card-new').getByRole('button', { name: 'Check New version answers' }).click();
  await expect(app.getByTestId('card-new').getByTestId('probe-answer')).toContainText('Version 2.0.0');

  await app.getByRole('button', { name: 'Remove old container…' }).click();
  const dialog = app.getByRole('dialog', { name: `Remove ${oldName}?` });
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  expect((await old.inspect()).State.Running).toBe(false); // still there after Cancel
  await app.getByRole('button', { name: 'Remove old container…' }).click();
  await dialog.getByRole('button', { name: 'Remove' }).click();
  await expect.poll(async () => old.inspect().then(() => 'exists', () => 'gone')).toBe('gone');
  await expect(app.getByTestId('card-old')).toContainText('Gone.');
});
