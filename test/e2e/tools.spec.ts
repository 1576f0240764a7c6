/** Tools in Chromium against the real engine: dark theme kept after a reload, command palette, file browser, disk usage. */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { cleanupRun, hostPortOf, runContainer, testDocker } from '../support/engine';
import { WEB_IMAGE } from '../support/fixtures';
import { testName } from '../support/labels';
import { expect, test } from './fixtures';

test.afterAll(async () => {
  await cleanupRun();
});

test('dark theme is kept after a reload (from settings.json, not the page)', async ({ app, server }) => {
  await app.getByRole('button', { name: 'Settings', exact: true }).click();
  await app.getByRole('radio', { name: 'Dark' }).click();
  await expect(app.locator('html')).toHaveAttribute('data-theme', 'dark');
  await expect(app.locator('html')).toHaveCSS('background-color', 'rgb(22, 25, 29)');
  const file = path.join(server.dataDir, 'dockside', 'settings.json');
  expect(JSON.parse(fs.readFileSync(file, 'utf8'))).toMatchObject({ theme: 'dark' });
  // Forget the page's own cache: after the reload the theme must come from main.
  await app.evaluate('localStorage.clear()');
  await app.reload();
  await expect(app.locator('html')).toHaveAttribute('data-theme', 'dark');
  await expect(app.locator('html')).toHaveCSS('background-color', 'rgb(22, 25, 29)');
  await app.getByRole('button', { name: 'Settings', exact: true }).click();
  await expect(app.getByRole('radio', { name: 'Dark' })).toHaveAttribute('aria-checked', 'true');
  // Back to light, also kept.
  await app.getByRole('radio', { name: 'Light' }).click();
  await expect(app.locator('html')).toHaveAttribute('data-theme', 'light');
  await expect(app.locator('html')).toHaveCSS('background-color', 'rgb(255, 255, 255)');
});

test('the command palette (Ctrl+K) opens a container\'s logs', async ({ app }) => {
  const name = testName('palette');
  await runContainer({ name, image: WEB_IMAGE, cmd: ['sh', '-c', 'echo "hello from the palette"; sleep 300'] });
  await app.keyboard.press('Control+k');
  const input = app.getByRole('combobox', { name: 'Command palette search' });
  await expect(input).toBeFocused();
  await input.fill(`logs ${name}`);
  await expect(app.getByRole('option', { name: new RegExp(`Logs: ${name}`) })).toBeVisible();
  await app.keyboard.press('Enter');
  await expect(app.getByRole('dialog', { name: 'Command palette' })).toHaveCount(0);
  await expect(app.getByRole('tab', { name: 'Logs' })).toHaveAttribute('aria-selected', 'true');
  await expect(app.getByTestId('logs-tab')).toContainText('hello from the palette');
});

test('the Files tab lists a container folder and shows a text file with its docker cp command', async ({ app }) => {
  const name = testName('files-ui');
  await runContainer({ name, image: WEB_IMAGE, cmd: ['sh', '-c', 'mkdir -p /site && echo "<h1>from the file browser</h1>" > /site/index.html && sleep 300'] });
  await app.getByRole('button', { name: `Details of ${name}`, exact: true }).click();
  await app.getByRole('tab', { name: 'Files' }).click();
  const browser = app.getByTestId('file-browser');
  await browser.getByRole('button', { name: 'site/', exact: true }).click();
  await browser.getByRole('button', { name: 'index.html', exact: true }).click();
  await expect(app.getByTestId('file-view')).toContainText('<h1>from the file browser</h1>');
  await expect(app.getByTestId('file-view').getByTestId('docker-command')).toHaveText(`docker cp ${name}:/site/index.html - | tar -xO`);
  // Browser mode: the browser itself downloads the folder's tar from a one-time link.
  const [download] = await Promise.all([app.waitForEvent('download'), browser.getByRole('button', { name: 'Download folder (.tar)' }).click()]);
  expect(download.suggestedFilename()).toBe('site.tar');
  const saved = await download.path();
  expect(execFileSync('tar', ['-xOf', saved, 'site/index.html'], { encoding: 'utf8' })).toBe('<h1>from the file browser</h1>\n');
});

test('disk usage shows the four rows and a prune preview that removes nothing until confirmed', async ({ app }) => {
  await app.getByRole('button', { name: 'Disk usage', exact: true }).click();
  await expect(app.getByTestId('disk-row-images')).toBeVisible({ timeout: 30_000 });
  await expect(app.getByTestId('disk-row-build-cache')).toBeVisible();
  await expect(app.getByTestId('docker-command').first()).toHaveText('docker system df -v');
  await app.getByRole('button', { name: 'Clean up Local Volumes' }).click();
  const dialog = app.getByRole('dialog');
  await dialog.getByLabel('Only with label (key or key=value)').fill('dockside.test.none=nothing-has-this');
  await dialog.getByLabel('Only with label (key or key=value)').blur();
  await expect(dialog.getByTestId('prune-empty')).toBeVisible();
  await expect(dialog.getByTestId('docker-command')).toHaveText("docker volume prune --force --filter label=dockside.test.none=nothing-has-this");
  await dialog.getByRole('button', { name: 'Cancel' }).click();
});

test('"Show notifications" in Settings turns the toasts off and on; a failed action is one too, with its command', async ({ app }) => {
  const quiet = testName('quietvol');
  const loud = testName('loudvol');
  const user = testName('porthold');
  const clash = testName('portclash');
  const nav = app.getByRole('navigation', { name: 'Main' });
  const toasts = app.getByRole('status', { name: 'Notifications' });
  try {
    await nav.getByRole('button', { name: 'Settings', exact: true }).click();
    const toggle = app.getByRole('checkbox', { name: /Show notifications/ });
    await toggle.click();
    await expect(toggle).not.toBeChecked();
    await nav.getByRole('button', { name: 'Volumes', exact: true }).click();
    await app.getByLabel('New volume name', { exact: true }).fill(quiet);
    await app.getByRole('button', { name: 'Create volume' }).click();
    await expect(app.getByTestId(`volume-row-${quiet}`)).toBeVisible();
    await expect(app.getByTestId('recent-command').first()).toContainText(`docker volume create ${quiet}`);
    await expect(toasts.getByText(quiet)).toHaveCount(0);

    await nav.getByRole('button', { name: 'Settings', exact: true }).click();
    await toggle.click();
    await expect(toggle).toBeChecked();
    await nav.getByRole('button', { name: 'Volumes', exact: true }).click();
    await app.getByLabel('New volume name', { exact: true }).fill(loud);
    await app.getByRole('button', { name: 'Create volume' }).click();
    await expect(toasts.getByText(loud).first()).toBeVisible();

    // A failure is a notification too, in the engine's words, with the command it tried: a second
    // container asking for a host port the first one holds cannot start.
    const holder = await runContainer({ name: user, image: WEB_IMAGE, ports: { '80/tcp': '' } });
    const port = String(await hostPortOf(holder));
    await runContainer({ name: clash, image: WEB_IMAGE, ports: { '80/tcp': port }, start: false });
    await nav.getByRole('button', { name: 'Containers', exact: true }).click();
    await app.getByRole('searchbox', { name: 'Filter containers' }).fill(clash);
    await app.getByRole('button', { name: `Start ${clash}`, exact: true }).click();
    const failed = toasts.getByTestId('notification-command').filter({ hasText: `docker start ${clash}` });
    await expect(failed).toBeVisible();
    await expect(toasts).toContainText(/port is already allocated|address already in use/);
    expect((await testDocker().getContainer(clash).inspect()).State.Running).toBe(false);
  } finally {
    for (const c of [user, clash]) await testDocker().getContainer(c).remove({ force: true }).catch(() => undefined);
    for (const v of [quiet, loud]) await testDocker().getVolume(v).remove().catch(() => undefined);
  }
});
