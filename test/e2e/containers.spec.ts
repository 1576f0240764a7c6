/** The containers view in Chromium, against the real app server and engine. */
import { expect, test } from './fixtures';
import { cleanupRun, runContainer, testDocker, waitFor } from '../support/engine';
import { WEB_IMAGE } from '../support/fixtures';
import { testName } from '../support/labels';

// This file's containers go when it ends: files run one after another in a worker, and the
// next ones should not have to look past them (a long list renders only the rows on screen).
test.afterAll(async () => {
  await cleanupRun();
});

test('a container started through the engine appears, with its ports, and disappears when removed outside', async ({ app }) => {
  const name = testName('e2e-appear');
  const c = await runContainer({ name, image: WEB_IMAGE, ports: { '80/tcp': '' } });
  const row = app.getByTestId(`container-row-${name}`);
  await expect(row).toBeVisible();
  await expect(row).toHaveAttribute('data-state', 'running');
  await expect(row).toContainText(WEB_IMAGE);
  await expect(row).toContainText(/127\.0\.0\.1:\d+ → 80\/tcp/);
  await c.remove({ force: true });
  await expect(row).toHaveCount(0);
});

test('Stop in the UI stops the container in the engine and shows the docker command', async ({ app }) => {
  const name = testName('e2e-stop');
  const c = await runContainer({ name, image: WEB_IMAGE });
  const row = app.getByTestId(`container-row-${name}`);
  await row.getByRole('button', { name: `Stop ${name}` }).click();
  // busybox httpd runs as PID 1 and ignores SIGTERM, so the engine kills it after the 10 s grace period.
  await expect(row.getByRole('button', { name: `Stop ${name}` })).toHaveText('Stopping…');
  await expect(row).toHaveAttribute('data-state', 'exited', { timeout: 20_000 });
  expect((await c.inspect()).State.Running).toBe(false);
  await expect(app.getByTestId('recent-command')).toContainText(`docker stop ${name}`);
  // Start brings it back.
  await row.getByRole('button', { name: `Start ${name}`, exact: true }).click();
  await expect(row).toHaveAttribute('data-state', 'running');
  expect((await c.inspect()).State.Running).toBe(true);
});

test('Remove asks for confirmation, needs force for a running container, then removes it', async ({ app }) => {
  const name = testName('e2e-rm');
  const c = await runContainer({ name, image: WEB_IMAGE });
  const row = app.getByTestId(`container-row-${name}`);
  await row.getByRole('button', { name: `Remove ${name}` }).click();
  const dialog = app.getByRole('dialog', { name: `Remove container ${name}?` });
  await expect(dialog).toBeVisible();
  // Cancel keeps it.
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toHaveCount(0);
  expect((await c.inspect()).State.Running).toBe(true);

  await row.getByRole('button', { name: `Remove ${name}` }).click();
  const confirm = dialog.getByRole('button', { name: 'Stop and remove' });
  await expect(confirm).toBeDisabled();
  await dialog.getByLabel(/kill it first/).check();
  await confirm.click();
  await expect(row).toHaveCount(0);
  await waitFor(async () => (await testDocker().listContainers({ all: true, filters: { name: [name] } })).length === 0, 'container gone from the engine');
});

test('the details pane shows the inspect document', async ({ app }) => {
  const name = testName('e2e-inspect');
  await runContainer({ name, image: WEB_IMAGE, memory: 64 * 1024 * 1024 });
  await app.getByRole('button', { name: `Details of ${name}` }).click();
  await expect(app.getByTestId('inspect-json')).toContainText('"Memory": 67108864');
});

test('a page opened without a link, or with a used one, gets no session and says how to get one', async ({ server, browserInstance }) => {
  const context = await browserInstance.newContext();
  const page = await context.newPage();
  await page.goto(server.origin + '/');
  await expect(page.getByTestId('engine-status')).toHaveAttribute('data-state', 'no-session');
  await expect(page.getByTestId('engine-status')).toContainText('press Enter in its terminal for a new one');
  const link = await server.link();
  await page.goto(link);
  await page.getByTestId('engine-status').and(page.locator('[data-state="connected"]')).waitFor();
  // The code is gone from the address bar, and a reload keeps the session (this tab only).
  expect(page.url()).not.toContain('code=');
  await page.reload();
  await page.getByTestId('engine-status').and(page.locator('[data-state="connected"]')).waitFor();
  // The same link in another tab is refused: it worked once.
  const other = await context.newPage();
  await other.goto(link);
  await expect(other.getByTestId('engine-status')).toHaveAttribute('data-state', 'no-session');
  await expect(other.getByTestId('engine-status')).toContainText('This link was already used');
  await context.close();
});

test('opening a container from elsewhere (select + tab) shows that tab', async ({ app }) => {
  const name = testName('e2e-select');
  await runContainer({ name, image: WEB_IMAGE });
  // The stats overview links to a container's charts with { select, tab: 'stats' }, as lessons do with other tabs.
  await app.getByRole('button', { name: 'Stats', exact: true }).click();
  await app.getByRole('button', { name: `Open the charts of ${name}` }).click();
  await expect(app.getByRole('region', { name: `Details of ${name}` })).toBeVisible();
  await expect(app.getByRole('tab', { name: 'Stats' })).toHaveAttribute('aria-selected', 'true');
});
