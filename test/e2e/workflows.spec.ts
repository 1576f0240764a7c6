/** Container workflows in Chromium against the real engine: run dialog, paste, pull, shell, volumes. */
import { testDocker, runContainer, waitFor, cleanupRun } from '../support/engine';
import { WEB_IMAGE } from '../support/fixtures';
import { RUN_ID, TEST_LABEL, testName } from '../support/labels';
import { freePort, startLocalRegistry } from '../support/workflows-registry';
import { seedRegistry } from '../support/workflows-seed';
import { stallingProxy } from '../support/stalling-registry-proxy';
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';

const docker = testDocker();
const LABEL = `${TEST_LABEL}=${RUN_ID}`;

test.afterAll(async () => {
  await cleanupRun();
});

async function answersHttp(port: number): Promise<number> {
  return waitFor(async () => {
    const r = await fetch(`http://127.0.0.1:${port}/`);
    return r.status < 500 ? r.status : null;
  }, `HTTP on ${port}`);
}

/** Opens the run dialog, pastes a `docker run` line and fills the form from it, as a learner would. */
async function pasteRun(app: Page, command: string): Promise<Locator> {
  await app.getByRole('button', { name: 'Run a container' }).click();
  const dialog = app.getByRole('dialog', { name: 'Run a container' });
  await dialog.getByRole('button', { name: 'Paste a docker run command' }).click();
  await dialog.getByLabel('Command to paste', { exact: true }).fill(command);
  await dialog.getByRole('button', { name: 'Fill the form' }).click();
  return dialog;
}

test('run dialog form: port, memory and cpus reach HostConfig and the port answers HTTP', async ({ app }) => {
  const name = testName('e2e-form');
  const port = await freePort();
  await app.getByRole('button', { name: 'Run a container' }).click();
  const dialog = app.getByRole('dialog', { name: 'Run a container' });
  const [repo, tag] = WEB_IMAGE.split(':');
  await dialog.getByLabel('Image', { exact: true }).fill(repo!);
  await dialog.getByLabel('Tag', { exact: true }).fill(tag!);
  await dialog.getByLabel('Name', { exact: true }).fill(name);
  await dialog.getByRole('button', { name: 'Add port' }).click();
  await dialog.getByLabel('Host IP 1', { exact: true }).fill('127.0.0.1');
  await dialog.getByLabel('Host port 1', { exact: true }).fill('70000');
  await expect(dialog.getByText('Host port "70000" must be a number from 1 to 65535')).toBeVisible();
  await dialog.getByLabel('Host port 1', { exact: true }).fill(String(port));
  await dialog.getByLabel('Memory', { exact: true }).fill('4m');
  await expect(dialog.getByText(/below the minimum of 6 MiB/)).toBeVisible();
  await dialog.getByLabel('Memory', { exact: true }).fill('64m');
  await dialog.getByLabel('CPUs', { exact: true }).fill('0.5');
  await dialog.getByRole('button', { name: 'Add label' }).click();
  await dialog.getByLabel('Label 1', { exact: true }).fill(LABEL);
  // The command follows the form as it changes.
  await expect(dialog.getByTestId('docker-command')).toHaveText(`docker run -d --name ${name} -p 127.0.0.1:${port}:80 --memory 64m --cpus 0.5 --label ${LABEL} ${WEB_IMAGE}`);
  await dialog.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(dialog).toBeHidden();
  await expect(app.getByTestId(`container-row-${name}`)).toHaveAttribute('data-state', 'running');
  const info = await docker.getContainer(name).inspect();
  expect(info.HostConfig.Memory).toBe(64 * 1024 * 1024);
  expect(info.HostConfig.NanoCpus).toBe(500_000_000);
  expect(info.HostConfig.PortBindings['80/tcp']).toEqual([{ HostIp: '127.0.0.1', HostPort: String(port) }]);
  expect(await answersHttp(port)).toBeLessThan(500);
});

test('paste a docker run command: the form fills and runs the same container; engine errors sit by their field', async ({ app }) => {
  const name = testName('web');
  const port = await freePort();
  const dialog = await pasteRun(app, `docker run -d --privileged -p ${port}:80 ${WEB_IMAGE}`);
  await expect(dialog.getByRole('alert', { name: 'Command problems' })).toContainText('--privileged');
  const pasted = `docker run -d -p ${port}:80 --name ${name} --memory 64m --cpus 0.5 --label ${LABEL} ${WEB_IMAGE}`;
  await dialog.getByLabel('Command to paste', { exact: true }).fill(pasted);
  await dialog.getByRole('button', { name: 'Fill the form' }).click();
  await expect(dialog.getByRole('alert', { name: 'Command problems' })).toHaveCount(0);
  await expect(dialog.getByLabel('Name', { exact: true })).toHaveValue(name);
  await expect(dialog.getByLabel('Image', { exact: true })).toHaveValue(WEB_IMAGE.split(':')[0]!);
  await expect(dialog.getByLabel('Tag', { exact: true })).toHaveValue(WEB_IMAGE.split(':')[1]!);
  await expect(dialog.getByLabel('Host port 1', { exact: true })).toHaveValue(String(port));
  await expect(dialog.getByLabel('Memory', { exact: true })).toHaveValue('64m');
  await expect(dialog.getByLabel('CPUs', { exact: true })).toHaveValue('0.5');
  await expect(dialog.getByTestId('docker-command')).toHaveText(`docker run -d --name ${name} -p ${port}:80 --memory 64m --cpus 0.5 --label ${LABEL} ${WEB_IMAGE}`);
  await dialog.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(dialog).toBeHidden();
  const info = await docker.getContainer(name).inspect();
  expect(info.HostConfig.Memory).toBe(64 * 1024 * 1024);
  expect(info.HostConfig.NanoCpus).toBe(500_000_000);
  expect(info.HostConfig.PortBindings['80/tcp']).toEqual([{ HostIp: '', HostPort: String(port) }]);
  expect(await answersHttp(port)).toBeLessThan(500);

  // Same name and port again: the engine's own words, next to the name field.
  await pasteRun(app, pasted);
  await dialog.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(dialog.locator('.wf-field', { has: app.getByLabel('Name', { exact: true }) }).getByRole('alert')).toContainText('is already in use');
  await dialog.getByLabel('Name', { exact: true }).fill(testName('web2'));
  await dialog.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(dialog.locator('.wf-field', { has: app.getByLabel('Host port 1', { exact: true }) }).getByRole('alert')).toContainText(/already allocated|address already in use/);
  await dialog.getByRole('button', { name: 'Cancel' }).click();
});

test('attached mode shows the output, stdout and stderr apart, and the exit code', async ({ app }) => {
  // Containers took over 10 s to start at load average 20+; the other attached tests have the same allowance.
  test.setTimeout(150_000);
  const name = testName('attached');
  const dialog = await pasteRun(app, `docker run --name ${name} --label ${LABEL} ${WEB_IMAGE} sh -c 'echo hello-out; echo hello-err >&2; exit 3'`);
  await expect(dialog.getByRole('radio', { name: /Attached/ })).toBeChecked();
  await dialog.getByRole('button', { name: 'Run', exact: true }).click();
  // Generous for a loaded machine (starting a container took 10 s and more at load 16 on 2 cores).
  await expect(dialog.getByTestId('run-status')).toHaveText(`${name} exited with code 3.`, { timeout: 30_000 });
  await expect(dialog.getByTestId('run-output').locator('.wf-stdout')).toHaveText('hello-out\n');
  await expect(dialog.getByTestId('run-output').locator('.wf-stderr')).toHaveText('hello-err\n');
  // It has exited: closing asks nothing.
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toBeHidden();
});

test('attached output shows while the container still runs; Cancel asks: leave it running, or stop it', async ({ app }) => {
  test.setTimeout(150_000);
  const dialog = app.getByRole('dialog', { name: 'Run a container' });
  const runAttached = async (name: string) => {
    // Prints, then sleeps: the line must show long before the container ends.
    await pasteRun(app, `docker run --name ${name} --label ${LABEL} ${WEB_IMAGE} sh -c 'echo first-line; sleep 300'`);
    await dialog.getByRole('button', { name: 'Run', exact: true }).click();
    // Generous for a loaded machine; the container sleeps 300 s, so this is still long before its exit.
    await expect(dialog.getByTestId('run-output')).toHaveText('first-line\n', { timeout: 30_000 });
    await expect(dialog.getByTestId('run-status')).toContainText(`${name} is running`);
    expect((await docker.getContainer(name).inspect()).State.Running).toBe(true);
  };

  const left = testName('left');
  await runAttached(left);
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  const question = dialog.getByRole('group', { name: /is still running/ });
  await expect(question).toContainText(`${left} is still running`);
  await expect(question.getByRole('button', { name: 'Stop it' })).toBeFocused();
  await question.getByRole('button', { name: 'Keep watching' }).click();
  await expect(question).toHaveCount(0);
  await expect(dialog.getByTestId('run-output')).toHaveText('first-line\n');
  // Escape asks the same question as Cancel.
  await app.keyboard.press('Escape');
  await question.getByRole('button', { name: 'Leave it running' }).click();
  await expect(dialog).toBeHidden();
  expect((await docker.getContainer(left).inspect()).State.Running).toBe(true);

  const stopped = testName('stopped');
  await runAttached(stopped);
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await question.getByRole('button', { name: 'Stop it' }).click();
  await expect(dialog).toBeHidden({ timeout: 20_000 });
  expect((await docker.getContainer(stopped).inspect()).State.Running).toBe(false);
  await expect(app.getByTestId(`container-row-${stopped}`)).toHaveAttribute('data-state', 'exited');
});

test('pull shows progress, and the run dialog pulls a missing image before running', async ({ app }) => {
  test.setTimeout(150_000);
  const registry = await startLocalRegistry();
  try {
    const ref = await seedRegistry(registry.host, `dockside-test/wf-e2e-${RUN_ID}`);
    await app.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Images' }).click();
    await app.getByLabel('Image to pull', { exact: true }).fill(ref);
    await app.getByRole('button', { name: 'Pull', exact: true }).click();
    const progress = app.getByTestId('pull-progress');
    await expect(progress).toContainText(`Pulled ${ref}`);
    await expect(progress.getByTestId('pull-layer').first()).toBeVisible();
    await expect(progress.getByTestId('pull-overall')).toHaveAttribute('value', '1');
    await expect(progress.getByTestId('docker-command')).toHaveText(`docker pull ${ref}`);
    await expect(app.getByTestId(`image-row-${ref}`)).toBeVisible();
    // Remove it again (through the confirmation), then let the run dialog pull it.
    await app.getByRole('button', { name: `Remove ${ref}` }).click();
    await app.getByRole('dialog').getByRole('button', { name: 'Remove' }).click();
    await expect(app.getByTestId(`image-row-${ref}`)).toHaveCount(0);

    await app.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Containers' }).click();
    const name = testName('pulled');
    const dialog = await pasteRun(app, `docker run -d --name ${name} --label ${LABEL} ${ref}`);
    // As docker run does: the image is not here, so it is pulled first, then run, in one click.
    await dialog.getByRole('button', { name: 'Run', exact: true }).click();
    await expect(dialog).toBeHidden({ timeout: 30_000 });
    await expect(app.getByTestId(`container-row-${name}`)).toHaveAttribute('data-state', 'running');
  } finally {
    await registry.stop();
  }
});

test('the run dialog pull can be cancelled mid-download (the engine hangs up, nothing is created); a failed pull leaves Run usable, with a hint', async ({ app }) => {
  test.setTimeout(150_000);
  const registry = await startLocalRegistry();
  const proxy = await stallingProxy(registry.host);
  try {
    // 512 KiB of random bytes: a layer this engine has never seen, so the pull really downloads (and stalls).
    const seeded = await seedRegistry(registry.host, `dockside-test/wf-slow-${RUN_ID}`, 512);
    const ref = seeded.replace(registry.host, proxy.host);
    const name = testName('never');
    const dialog = await pasteRun(app, `docker run -d --name ${name} --label ${LABEL} ${ref}`);
    await dialog.getByRole('button', { name: 'Run', exact: true }).click();
    const progress = dialog.getByTestId('pull-progress');
    await expect(progress).toContainText(`Pulling ${ref}`);
    await expect(progress.getByTestId('pull-layer').filter({ hasText: 'Downloading' })).not.toHaveCount(0, { timeout: 20_000 });
    await expect(dialog.getByRole('button', { name: 'Run', exact: true })).toBeDisabled();
    expect(proxy.stalled()).toBeGreaterThan(0);
    await progress.getByRole('button', { name: `Cancel pull of ${ref}` }).click();
    await expect(dialog.getByTestId('pull-cancelled')).toContainText('nothing was created');
    // The engine stopped downloading: it closed the stalled download itself.
    await expect.poll(() => proxy.stalled(), { timeout: 10_000 }).toBe(0);
    expect(proxy.abandoned()).toBeGreaterThan(0);
    await expect(docker.getImage(ref).inspect()).rejects.toMatchObject({ statusCode: 404 });
    await expect(docker.getContainer(name).inspect()).rejects.toMatchObject({ statusCode: 404 });
    await expect(dialog.getByRole('button', { name: 'Run', exact: true })).toBeEnabled();

    // A tag the registry does not have: the failure stays on screen with a hint, and Run works at once.
    await dialog.getByLabel('Tag', { exact: true }).fill('absent');
    await dialog.getByRole('button', { name: 'Run', exact: true }).click();
    await expect(progress).toContainText('Pull failed');
    await expect(progress).toContainText(/manifest unknown|not found/i);
    await expect(progress).toContainText('Check the name and the tag, then Run again.');
    await dialog.getByLabel('Tag', { exact: true }).fill('1');
    await expect(dialog.getByRole('button', { name: /^Run/ })).toBeEnabled();
  } finally {
    await proxy.close();
    await registry.stop();
  }
});

test('live shell: typing echo hi shows hi; a stopped container says why it cannot be entered', async ({ app }) => {
  const name = testName('shell');
  await runContainer({ name, image: WEB_IMAGE });
  await app.getByRole('button', { name: `Details of ${name}` }).click();
  await app.getByRole('tab', { name: 'Shell' }).click();
  const terminal = app.getByTestId('shell-terminal');
  await expect(app.getByText(`docker exec -it ${name} /bin/sh`)).toBeVisible();
  await expect(terminal).toContainText('/ #');
  await terminal.click();
  await app.keyboard.type('echo hi');
  await app.keyboard.press('Enter');
  await expect(terminal.locator('.xterm-rows > div').filter({ hasText: /^\s*hi\s*$/ })).toHaveCount(1);
  // Closing the pane ends the exec session in the engine.
  const execIds = (await docker.getContainer(name).inspect()).ExecIDs ?? [];
  expect(execIds.length).toBeGreaterThan(0);
  await app.getByRole('button', { name: 'Close shell' }).click();
  await waitFor(async () => (await Promise.all(execIds.map((id) => docker.getExec(id).inspect()))).every((s) => !s.Running), 'exec ended');

  const stopped = testName('stopped');
  await runContainer({ name: stopped, image: WEB_IMAGE, start: false });
  await app.getByRole('button', { name: `Details of ${stopped}` }).click();
  await app.getByRole('tab', { name: 'Shell' }).click();
  await expect(app.getByText(`${stopped} is created: a shell runs inside the container's processes, so start it first.`)).toBeVisible();
});

test('a volume outlives its container; removal goes through a confirmation', async ({ app }) => {
  const vol = testName('vol');
  const name = testName('volc');
  try {
    await app.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Volumes' }).click();
    await app.getByLabel('New volume name', { exact: true }).fill(vol);
    await app.getByRole('button', { name: 'Create volume' }).click();
    await expect(app.getByTestId(`volume-row-${vol}`)).toBeVisible();

    await app.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Containers' }).click();
    const dialog = await pasteRun(app, `docker run -d -v ${vol}:/data --name ${name} --label ${LABEL} ${WEB_IMAGE}`);
    await dialog.getByRole('button', { name: 'Run', exact: true }).click();
    await expect(dialog).toBeHidden();
    await app.getByRole('button', { name: `Details of ${name}` }).click();
    await app.getByRole('tab', { name: 'Exec' }).click();
    await app.getByLabel('Command to run', { exact: true }).fill(`sh -c 'echo kept > /data/f; cat /data/f'`);
    await app.getByRole('button', { name: 'Run command' }).click();
    await expect(app.getByTestId('exec-output')).toHaveText('kept\n');
    await expect(app.getByTestId('exec-exit-code')).toContainText('Exit code: 0');

    await app.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Volumes' }).click();
    await expect(app.getByTestId(`volume-row-${vol}`)).toContainText(name);
    await app.getByRole('button', { name: `Remove volume ${vol}` }).click();
    await expect(app.getByRole('dialog')).toContainText('remove it first');
    await expect(app.getByRole('dialog').getByRole('button', { name: 'Remove' })).toBeDisabled();
    await app.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();

    await app.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Containers' }).click();
    await app.getByRole('button', { name: `Remove ${name}` }).click();
    await app.getByRole('dialog').getByLabel(/kill it first/).check();
    await app.getByRole('dialog').getByRole('button', { name: 'Stop and remove' }).click();
    await expect(app.getByTestId(`container-row-${name}`)).toHaveCount(0);

    await app.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Volumes' }).click();
    await expect(app.getByTestId(`volume-row-${vol}`)).toContainText('none');
    await app.getByRole('button', { name: `Remove volume ${vol}` }).click();
    await app.getByRole('dialog').getByRole('button', { name: 'Remove' }).click();
    await expect(app.getByTestId(`volume-row-${vol}`)).toHaveCount(0);
  } finally {
    await docker.getContainer(name).remove({ force: true }).catch(() => undefined);
    await docker.getVolume(vol).remove().catch(() => undefined);
  }
});

test('a long volume list renders only the rows on screen and scrolls to the rest', async ({ app }) => {
  const prefix = testName('many');
  const names = Array.from({ length: 90 }, (_, i) => `${prefix}-${String(i).padStart(2, '0')}`);
  // The view is open while the list grows past the virtualisation threshold.
  await app.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Volumes' }).click();
  for (const n of names) await docker.createVolume({ Name: n, Labels: { [TEST_LABEL]: RUN_ID } });
  const rows = app.locator('tr[data-testid^="volume-row-"]');
  await expect(rows.first()).toBeVisible();
  // The list follows the engine's events until all 90 are in (the virtual height grows with it).
  await expect.poll(() => app.getByTestId('volumes-scroll').evaluate((el) => el.scrollHeight), { timeout: 15_000 }).toBeGreaterThan(90 * 30);
  // A fresh engine holds only these 90; a developer's engine holds more.
  const total = (await docker.listVolumes()).Volumes.length;
  expect(total).toBeGreaterThanOrEqual(90);
  expect(await rows.count()).toBeLessThan(total);
  const lastBefore = await rows.last().getAttribute('data-testid');
  await app.getByTestId('volumes-scroll').evaluate((el) => el.scrollTo(0, el.scrollHeight));
  await expect(rows.last()).not.toHaveAttribute('data-testid', lastBefore!);
  expect(await rows.count()).toBeLessThan(total);
});
