/**
 * What the learner sees when the engine goes away and comes back (the real engine behind a
 * cuttable socket), and when the switcher moves to a second engine (the suite's private dockerd)
 * and back.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, showOwnContainers, test, startAppServer, stopAppServer, type AppServer } from './fixtures';
import { processEndpointEnv } from '../../main/engine/engine-manager';
import { resolveEndpoint } from '../../main/engine/endpoint';
import { cleanupRun, runContainer, testDocker } from '../support/engine';
import { WEB_IMAGE } from '../support/fixtures';
import { testLabels, testName } from '../support/labels';
import { hostHasDocker0, privateDockerdUnavailable, startPrivateDockerd, type PrivateDockerd } from '../support/private-dockerd';
import { socketProxy } from '../support/socket-proxy';

// This file's containers go when it ends: files run one after another in a worker, and the
// next ones should not have to look past them (a long list renders only the rows on screen).
test.afterAll(async () => {
  await cleanupRun();
});

test('views show a disconnected state when the engine goes away, then reconnect and refresh by themselves', async ({ browserInstance }) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dockside-e2e-sock-'));
  const sock = path.join(dir, 'engine.sock');
  const proxy = socketProxy(sock);
  await proxy.open();
  const server = await startAppServer({ DOCKER_HOST: `unix://${sock}` });
  const context = await browserInstance.newContext();
  const page = await context.newPage();
  try {
    await page.goto(server.url);
    const status = page.getByTestId('engine-status');
    await expect(status).toHaveAttribute('data-state', 'connected');
    await expect(status).toContainText(`unix://${sock}`);
    await expect(page.getByRole('heading', { name: 'Containers' })).toBeVisible();
    await showOwnContainers(page);

    await proxy.cut();
    await expect(status).toHaveAttribute('data-state', 'unreachable');
    await expect(page.getByTestId('disconnected')).toBeVisible();
    await expect(page.getByRole('table', { name: 'Containers' })).toHaveCount(0);
    await expect(page.getByTestId('disconnected')).toContainText(/retries by itself/);

    // While it is away, a container appears; the view must show it once the engine is back.
    const name = testName('e2e-back');
    await runContainer({ name, image: WEB_IMAGE });
    await proxy.open();
    await expect(status).toHaveAttribute('data-state', 'connected', { timeout: 15_000 });
    await expect(page.getByTestId(`container-row-${name}`)).toBeVisible();
  } finally {
    await context.close();
    await stopAppServer(server);
    await proxy.cut();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('a malformed DOCKER_HOST is explained in the app', async ({ browserInstance }) => {
  const server = await startAppServer({ DOCKER_HOST: 'tcp://:99999' });
  const context = await browserInstance.newContext();
  const page = await context.newPage();
  try {
    await page.goto(server.url);
    await expect(page.getByTestId('engine-status')).toHaveAttribute('data-state', 'unreachable');
    await expect(page.getByTestId('engine-message')).toContainText('DOCKER_HOST "tcp://:99999"');
  } finally {
    await context.close();
    await stopAppServer(server);
  }
});

test('the switcher moves to a second engine and back, and the views show the right one each time', async ({ browserInstance }) => {
  const unavailable = privateDockerdUnavailable();
  test.skip(unavailable !== null, `needs a second engine: ${unavailable ?? ''}`);
  // A private dockerd starts and an image is copied into it: 35 s unloaded, 1.6 min seen on the loaded shared machine.
  test.setTimeout(180_000);
  const docker0Before = hostHasDocker0();
  const configured = resolveEndpoint(processEndpointEnv()).url;
  // One object of each kind on each engine; each must show only while its engine is in use.
  const here = { container: testName('switch-here'), volume: testName('switch-here-vol') };
  const there = { container: testName('switch-there'), volume: testName('switch-there-vol') };
  let other: PrivateDockerd | undefined;
  let server: AppServer | undefined;
  const context = await browserInstance.newContext({ viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  try {
    other = await startPrivateDockerd();
    server = await startAppServer();
    await other.loadImage(testDocker(), WEB_IMAGE);
    await runContainer({ name: there.container, image: WEB_IMAGE, cmd: ['sleep', '300'] }, other.docker);
    await other.docker.createVolume({ Name: there.volume, Labels: testLabels() });
    await runContainer({ name: here.container, image: WEB_IMAGE, cmd: ['sleep', '300'] });
    await testDocker().createVolume({ Name: here.volume, Labels: testLabels() });

    await page.goto(server.url);
    const status = page.getByTestId('engine-status');
    const endpoint = page.getByTestId('engine-endpoint');
    const nav = page.getByRole('navigation', { name: 'Main' });
    const expectEngine = async (url: string, shown: typeof here, hidden: typeof here) => {
      await expect(status).toHaveAttribute('data-state', 'connected', { timeout: 20_000 });
      await expect(endpoint).toContainText(url);
      await nav.getByRole('button', { name: 'Containers', exact: true }).click();
      await expect(page.getByTestId(`container-row-${shown.container}`)).toBeVisible();
      await expect(page.getByTestId(`container-row-${hidden.container}`)).toHaveCount(0);
      await nav.getByRole('button', { name: 'Volumes', exact: true }).click();
      await expect(page.getByTestId(`volume-row-${shown.volume}`)).toBeVisible();
      await expect(page.getByTestId(`volume-row-${hidden.volume}`)).toHaveCount(0);
    };
    await expectEngine(configured, here, there);

    // To the second engine by its address, as a user types it.
    await status.getByRole('button', { name: 'Switch engine' }).click();
    const switcher = page.getByRole('dialog', { name: 'Engine switcher' });
    await switcher.getByLabel('Engine address').fill(other.host);
    await switcher.getByRole('button', { name: 'Connect' }).click();
    await expect(switcher).toHaveCount(0);
    await expectEngine(other.host, there, here);

    // And back to the configured engine from the list, which also names the one in use now.
    await status.getByRole('button', { name: 'Switch engine' }).click();
    await expect(switcher.locator('[data-testid="engine-candidate"][data-current="true"]')).toContainText(other.host);
    await switcher.getByRole('button', { name: new RegExp(`^Use Configured: .* at ${configured.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}$`) }).click();
    await expect(switcher).toHaveCount(0);
    await expectEngine(configured, here, there);
  } finally {
    await context.close();
    if (server) await stopAppServer(server);
    await other?.stop();
    await testDocker().getContainer(here.container).remove({ force: true }).catch(() => undefined);
    await testDocker().getVolume(here.volume).remove().catch(() => undefined);
  }
  // The second engine must not have touched the default engine's bridge.
  expect(hostHasDocker0()).toBe(docker0Before);
});
