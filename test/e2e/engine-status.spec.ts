/** What the learner sees when the engine goes away and comes back, with the real engine behind a cuttable socket. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test, startAppServer, stopAppServer } from './fixtures';
import { runContainer } from '../support/engine';
import { WEB_IMAGE } from '../support/fixtures';
import { testName } from '../support/labels';
import { socketProxy } from '../support/socket-proxy';

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
