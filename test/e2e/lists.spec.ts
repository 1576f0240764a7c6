/** Find, sort, select and act on many, port links and run-from-image, in Chromium against the real engine. */
import { randomBytes } from 'node:crypto';
import { cleanupRun, runContainer, testDocker, waitFor } from '../support/engine';
import { WEB_IMAGE } from '../support/fixtures';
import { RUN_ID, TEST_LABEL, testName } from '../support/labels';
import { expect, test } from './fixtures';

const docker = testDocker();
// Exits at once on SIGTERM, so a stop does not wait for the 10 s grace period.
const LOOP = ['sh', '-c', "trap 'exit 0' TERM; while true; do sleep 1; done"];

test.afterAll(async () => {
  await cleanupRun();
});

test('typing part of a name finds one container among 40, and clearing shows them all again', async ({ app }) => {
  const tag = randomBytes(3).toString('hex');
  const names = Array.from({ length: 40 }, (_, i) => `dockside-test-f40-${tag}-${String(i).padStart(2, '0')}`);
  for (let i = 0; i < names.length; i += 10) {
    await Promise.all(names.slice(i, i + 10).map((name) => runContainer({ name, image: WEB_IMAGE, start: false })));
  }
  const filter = app.getByRole('searchbox', { name: 'Filter containers' });
  await filter.fill(`f40-${tag}`);
  await expect(app.locator(`[data-testid^="container-row-dockside-test-f40-${tag}-"]`)).toHaveCount(40);

  await filter.fill(`${tag}-27`);
  await expect(app.locator('[data-testid^="container-row-"]')).toHaveCount(1);
  await expect(app.getByTestId(`container-row-${names[27]}`)).toBeVisible();
  // Other containers on the engine count in the total: at least our 40.
  await expect(app.getByTestId('list-count')).toHaveText(/^1 of (4\d|[5-9]\d|\d{3,}) containers$/);

  // Selection is kept while the filter changes.
  await app.getByRole('checkbox', { name: `Select ${names[27]}` }).check();
  await filter.fill(`f40-${tag}`);
  await expect(app.getByRole('checkbox', { name: `Select ${names[27]}` })).toBeChecked();
  await expect(app.getByTestId('bulk-count')).toHaveText('1 selected');
  await filter.press('Escape');
  await expect(filter).toHaveValue('');
  await expect(app.getByTestId('list-count')).toHaveText(/^\d+ containers$/);
});

test('80 containers: only the rows on screen are in the page, the arrow keys walk past them, and Back focuses a far row again', async ({ app }) => {
  test.setTimeout(120_000);
  const tag = randomBytes(3).toString('hex');
  const names = Array.from({ length: 80 }, (_, i) => `dockside-test-v80-${tag}-${String(i).padStart(2, '0')}`);
  for (let i = 0; i < names.length; i += 10) {
    await Promise.all(names.slice(i, i + 10).map((name) => runContainer({ name, image: WEB_IMAGE, start: false })));
  }
  await app.getByRole('searchbox', { name: 'Filter containers' }).fill(`v80-${tag}`);
  await expect(app.getByTestId('list-count')).toHaveText(/^80 of \d+ containers$/);
  const header = app.getByRole('columnheader', { name: /Name/ });
  // By name, ascending (the sort is remembered, so it may already be by name either way).
  for (let i = 0; i < 2 && (await header.getAttribute('aria-sort')) !== 'ascending'; i++) await header.getByRole('button').click();
  await expect(header).toHaveAttribute('aria-sort', 'ascending');
  const rows = app.locator(`[data-testid^="container-row-dockside-test-v80-${tag}-"]`);
  await expect(rows.first()).toHaveAttribute('data-testid', `container-row-${names[0]}`);
  // Only the rows near the viewport are in the page (components/virtual-rows.tsx).
  expect(await rows.count()).toBeLessThan(80);

  // One tab stop per row, ↓ to the next: 70 presses walk past the rows first in the page.
  await app.getByRole('button', { name: `Details of ${names[0]}`, exact: true }).focus();
  for (let i = 0; i < 70; i++) await app.keyboard.press('ArrowDown');
  const far = app.getByRole('button', { name: `Details of ${names[70]}`, exact: true });
  await expect(far).toBeFocused();
  await expect(far).toBeInViewport();
  // Open it, scroll the list far away, go back: focus is on its name again.
  await app.keyboard.press('Enter');
  await expect(app.getByRole('heading', { name: `Details of ${names[70]}` })).toBeVisible();
  await app.locator('main#main-content').evaluate((el) => el.scrollTo(0, 0));
  await app.getByRole('button', { name: 'Back to all containers' }).click();
  await expect(far).toBeFocused();
  // And the last is there for whoever scrolls down.
  await app.locator('main#main-content').evaluate((el) => el.scrollTo(0, el.scrollHeight));
  await expect(app.getByTestId(`container-row-${names[79]}`)).toBeInViewport();
  expect(await rows.count()).toBeLessThan(80);
});

test('images sort by size both ways, and the sort is remembered after a reload', async ({ app }) => {
  const repo = `dockside-test/sort-${randomBytes(3).toString('hex')}`;
  // Three images of clearly different sizes: the fixture plus 300 KB and 1.2 MB of zeros.
  const sizes: Record<string, number> = { small: 0, medium: 300, large: 1200 };
  for (const [tag, kb] of Object.entries(sizes)) {
    const c = await runContainer({ name: testName(`sort-${tag}`), image: WEB_IMAGE, cmd: ['sh', '-c', kb ? `dd if=/dev/zero of=/fill bs=1k count=${kb}` : 'true'] });
    await c.wait();
    await c.commit({ repo, tag, changes: [`LABEL ${TEST_LABEL}=${RUN_ID}`] });
  }
  await app.getByRole('button', { name: 'Images', exact: true }).click();
  await app.getByRole('searchbox', { name: 'Filter images' }).fill(repo);
  const rows = app.locator('[data-testid^="image-row-"]');
  await expect(rows).toHaveCount(3);

  const sizeHeader = app.getByRole('columnheader', { name: /Size/ });
  await sizeHeader.getByRole('button').click();
  await expect(sizeHeader).toHaveAttribute('aria-sort', 'ascending');
  await expect(rows).toHaveText([new RegExp(`${repo}:small`), new RegExp(`${repo}:medium`), new RegExp(`${repo}:large`)]);
  await sizeHeader.getByRole('button').click();
  await expect(sizeHeader).toHaveAttribute('aria-sort', 'descending');
  await expect(rows).toHaveText([new RegExp(`${repo}:large`), new RegExp(`${repo}:medium`), new RegExp(`${repo}:small`)]);

  await app.reload();
  await app.getByRole('button', { name: 'Images', exact: true }).click();
  await app.getByRole('searchbox', { name: 'Filter images' }).fill(repo);
  await expect(app.getByRole('columnheader', { name: /Size/ })).toHaveAttribute('aria-sort', 'descending');
  await expect(rows).toHaveText([new RegExp(`${repo}:large`), new RegExp(`${repo}:medium`), new RegExp(`${repo}:small`)]);
});

test('bulk stop: select 3 of 5 with a click and a shift-click; exactly those 3 stop, each reported', async ({ app }) => {
  const tag = randomBytes(3).toString('hex');
  const names = Array.from({ length: 5 }, (_, i) => `dockside-test-bulk-${tag}-${i}`);
  for (const name of names) await runContainer({ name, image: WEB_IMAGE, cmd: LOOP });
  await app.getByRole('searchbox', { name: 'Filter containers' }).fill(`bulk-${tag}`);
  const header = app.getByRole('columnheader', { name: /Name/ });
  await header.getByRole('button').click();
  await expect(header).toHaveAttribute('aria-sort', 'ascending');
  await expect(app.locator('[data-testid^="container-row-"]')).toHaveCount(5);

  await app.getByRole('checkbox', { name: `Select ${names[1]}` }).click();
  await app.getByRole('checkbox', { name: `Select ${names[3]}` }).click({ modifiers: ['Shift'] });
  await expect(app.getByTestId('bulk-count')).toHaveText('3 selected');
  await app.getByRole('toolbar', { name: 'Selected containers' }).getByRole('button', { name: 'Stop 3' }).click();

  const result = app.getByRole('status', { name: 'Stopped containers' });
  await expect(result).toContainText('3 of 3 done', { timeout: 30_000 });
  for (const n of names.slice(1, 4)) await expect(result.getByTestId(`bulk-result-${n}`)).toHaveAttribute('data-ok', 'true');
  await expect(result.getByTestId('docker-command')).toHaveText(`docker stop ${names.slice(1, 4).join(' ')}`);
  for (const [i, n] of names.entries()) {
    const want = i >= 1 && i <= 3 ? 'exited' : 'running';
    await expect(app.getByTestId(`container-row-${n}`)).toHaveAttribute('data-state', want);
    expect((await docker.getContainer(n).inspect()).State.Status).toBe(want);
  }
});

test('bulk kill and remove ask once, listing every container; each result is reported, a refusal in the engine\'s words', async ({ app }) => {
  const tag = randomBytes(3).toString('hex');
  const stopped = `dockside-test-rm-${tag}-a`;
  const running = `dockside-test-rm-${tag}-b`;
  await runContainer({ name: stopped, image: WEB_IMAGE, start: false });
  await runContainer({ name: running, image: WEB_IMAGE, cmd: LOOP });
  await app.getByRole('searchbox', { name: 'Filter containers' }).fill(`rm-${tag}`);
  await expect(app.locator('[data-testid^="container-row-"]')).toHaveCount(2);
  // By name, so the commands list them in a known order (…-a, then …-b).
  const nameHeader = app.getByRole('columnheader', { name: /Name/ });
  await nameHeader.getByRole('button').click();
  await expect(nameHeader).toHaveAttribute('aria-sort', 'ascending');
  await app.getByRole('checkbox', { name: 'Select all shown containers' }).check();
  const bar = app.getByRole('toolbar', { name: 'Selected containers' });

  // Remove with a running container in the selection needs --force: without it the button stays off.
  await bar.getByRole('button', { name: 'Remove 2' }).click();
  const removeDialog = app.getByRole('dialog', { name: 'Remove 2 containers?' });
  await expect(removeDialog.getByRole('list', { name: 'Will be removed' })).toContainText(stopped);
  await expect(removeDialog.getByRole('list', { name: 'Will be removed' })).toContainText(running);
  await expect(removeDialog.getByRole('button', { name: 'Remove', exact: true })).toBeDisabled();
  await removeDialog.getByRole('button', { name: 'Cancel' }).click();
  expect((await docker.listContainers({ all: true, filters: { name: [`rm-${tag}`] } })).length).toBe(2);

  // Kill both: the running one dies, the engine refuses the one that never ran, in its own words.
  await bar.getByRole('button', { name: 'Kill 2' }).click();
  const killDialog = app.getByRole('dialog', { name: 'Kill 2 containers?' });
  await killDialog.getByRole('button', { name: 'Kill', exact: true }).click();
  await expect(killDialog.getByTestId(`bulk-result-${running}`)).toHaveAttribute('data-ok', 'true');
  await expect(killDialog.getByTestId(`bulk-result-${stopped}`)).toHaveAttribute('data-ok', 'false');
  await expect(killDialog.getByTestId(`bulk-result-${stopped}`)).toContainText(/is not running/);
  await expect(killDialog.getByTestId('docker-command')).toHaveText(`docker kill ${stopped} ${running}`);
  await killDialog.getByRole('button', { name: 'Close' }).click();
  await expect(app.getByTestId(`container-row-${running}`)).toHaveAttribute('data-state', 'exited');

  // Now nothing runs: Remove goes through without --force, and both go.
  await bar.getByRole('button', { name: 'Remove 2' }).click();
  await removeDialog.getByRole('button', { name: 'Remove', exact: true }).click();
  await expect(removeDialog.getByTestId(`bulk-result-${stopped}`)).toHaveAttribute('data-ok', 'true');
  await expect(removeDialog.getByTestId(`bulk-result-${running}`)).toHaveAttribute('data-ok', 'true');
  await removeDialog.getByRole('button', { name: 'Close' }).click();
  await waitFor(async () => (await docker.listContainers({ all: true, filters: { name: [`rm-${tag}`] } })).length === 0, 'both gone');
  await expect(app.locator('[data-testid^="container-row-"]')).toHaveCount(0);
  await expect(app.getByTestId('recent-command').first()).toContainText(`docker rm ${stopped} ${running}`);
});

test('a published TCP port is a link that opens the container\'s web page', async ({ app }) => {
  const name = testName('port-link');
  const c = await runContainer({ name, image: WEB_IMAGE, ports: { '80/tcp': '' } });
  const port = (await c.inspect()).NetworkSettings.Ports['80/tcp']![0]!.HostPort;
  const link = app.getByTestId(`container-row-${name}`).getByRole('link', { name: new RegExp(`open port ${port} of ${name}`) });
  await expect(link).toHaveAttribute('href', `http://127.0.0.1:${port}/`);
  await expect(link).toHaveAttribute('target', '_blank');
  await expect(link).toHaveAttribute('rel', /noopener/);
  const [page] = await Promise.all([app.context().waitForEvent('page'), link.click()]);
  await page.waitForLoadState();
  expect(page.url()).toBe(`http://127.0.0.1:${port}/`);
  await expect(page.locator('h1')).toHaveText('Hello from the Dockside test web server');
  await page.close();
});

test('Run in the images view opens the run dialog with that image, and runs it', async ({ app }) => {
  const name = testName('from-image');
  await app.getByRole('button', { name: 'Images', exact: true }).click();
  await app.getByRole('searchbox', { name: 'Filter images' }).fill(WEB_IMAGE);
  await app.getByRole('button', { name: `Run ${WEB_IMAGE}`, exact: true }).click();
  const dialog = app.getByRole('dialog', { name: 'Run a container' });
  const [repo, tag] = WEB_IMAGE.split(':');
  await expect(dialog.getByLabel('Image', { exact: true })).toHaveValue(repo!);
  await expect(dialog.getByLabel('Tag', { exact: true })).toHaveValue(tag!);
  await dialog.getByLabel('Name', { exact: true }).fill(name);
  await dialog.getByRole('button', { name: 'Add label' }).click();
  await dialog.getByLabel('Label 1', { exact: true }).fill(`${TEST_LABEL}=${RUN_ID}`);
  await expect(dialog.getByTestId('docker-command')).toHaveText(`docker run -d --name ${name} --label ${TEST_LABEL}=${RUN_ID} ${WEB_IMAGE}`);
  await dialog.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(dialog).toBeHidden();
  await waitFor(async () => (await docker.getContainer(name).inspect()).State.Running, `${name} running`);
  expect((await docker.getContainer(name).inspect()).Config.Image).toBe(WEB_IMAGE);
});
