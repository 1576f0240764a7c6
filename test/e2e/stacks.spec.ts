/** Compose stacks in the containers view, with a project started by the real compose CLI. */
import { startComposeProject, type ComposeProject } from '../support/compose-project';
import { cleanupRun, runContainer, testDocker, waitFor } from '../support/engine';
import { WEB_IMAGE } from '../support/fixtures';
import { RUN_ID, TEST_LABEL, testName } from '../support/labels';
import { expect, showOwnContainers, test } from './fixtures';

const docker = testDocker();
let stack: ComposeProject | null = null;

test.afterAll(async () => {
  await stack?.dispose();
  await cleanupRun();
});

const members = async (project: string) =>
  docker.listContainers({ all: true, filters: { label: [`com.docker.compose.project=${project}`, `${TEST_LABEL}=${RUN_ID}`] } });

test('a Compose project is grouped under its header; stop, logs and remove act on the whole stack only', async ({ app }) => {
  test.setTimeout(180_000);
  const project = testName('ui-stack');
  stack = await startComposeProject(project);
  const plain = testName('ui-plain');
  await runContainer({ name: plain, image: WEB_IMAGE, cmd: ['sh', '-c', "trap 'exit 0' TERM; while true; do sleep 1; done"] });
  const names = (await members(project)).map((c) => c.Names[0]!.replace(/^\//, '')).sort();
  expect(names).toHaveLength(2);
  // Only this test's stack and plain container: the header stays among the rows in the page.
  await showOwnContainers(app, 'ui-');

  const header = app.getByTestId(`stack-row-${project}`);
  await expect(header).toBeVisible();
  await expect(header).toContainText(stack.dir);
  await expect(header).toContainText('docker-compose.yml');
  await expect(app.getByTestId(`stack-count-${project}`)).toHaveText('2 of 2 running');
  for (const n of names) await expect(app.getByTestId(`container-row-${n}`)).toHaveClass(/stack-member/);
  await expect(app.getByTestId(`container-row-${plain}`)).not.toHaveClass(/stack-member/);

  // Fold and unfold.
  await header.getByRole('button', { name: `Collapse stack ${project}` }).click();
  for (const n of names) await expect(app.getByTestId(`container-row-${n}`)).toHaveCount(0);
  await header.getByRole('button', { name: `Expand stack ${project}` }).click();
  for (const n of names) await expect(app.getByTestId(`container-row-${n}`)).toBeVisible();

  // Combined logs: a line from each service, prefixed with its name.
  await header.getByRole('button', { name: `Logs of stack ${project}` }).click();
  const logs = app.getByRole('region', { name: `Logs of stack ${project}` });
  await expect(logs.getByTestId('stack-log-lines')).toContainText('web | web tick');
  await expect(logs.getByTestId('stack-log-lines')).toContainText('worker | worker tick');
  await logs.getByRole('button', { name: `Close the logs of ${project}` }).click();

  // Stop: both members exit, the plain container keeps running; the compose command is shown.
  await header.getByRole('button', { name: `Stop stack ${project}` }).click();
  await expect(app.getByTestId(`stack-count-${project}`)).toHaveText('0 of 2 running', { timeout: 30_000 });
  await expect(app.getByRole('status', { name: `Stopped stack ${project}` }).getByTestId('docker-command').first()).toHaveText(`docker compose -p ${project} stop`);
  expect((await members(project)).map((c) => c.State)).toEqual(['exited', 'exited']);
  expect((await docker.getContainer(plain).inspect()).State.Running).toBe(true);

  // Remove asks first and lists every container of the stack.
  await header.getByRole('button', { name: `Remove stack ${project}` }).click();
  const dialog = app.getByRole('dialog', { name: `Remove stack ${project}?` });
  for (const n of names) await expect(dialog.getByRole('list', { name: 'Will be removed' })).toContainText(n);
  await expect(dialog.getByTestId('docker-command')).toHaveText(`docker compose -p ${project} rm --stop --force`);
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  expect(await members(project)).toHaveLength(2);
  await header.getByRole('button', { name: `Remove stack ${project}` }).click();
  await dialog.getByRole('button', { name: 'Remove all' }).click();
  for (const n of names) await expect(dialog.getByTestId(`bulk-result-${n}`)).toHaveAttribute('data-ok', 'true');
  await dialog.getByRole('button', { name: 'Close' }).click();
  await waitFor(async () => (await members(project)).length === 0, 'stack containers gone');
  expect((await docker.getContainer(plain).inspect()).State.Running).toBe(true);

  // Its files are still on disk: the header stays (down) and offers Up through the compose CLI
  // (running it is covered by test/integration/stacks.test.ts; it takes ~30 s with compose v1 here).
  await expect(app.getByTestId(`stack-count-${project}`)).toHaveText('down');
  await expect(header.getByRole('button', { name: `Compose up stack ${project}` })).toBeVisible();
});
