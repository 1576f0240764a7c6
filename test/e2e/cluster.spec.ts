/**
 * The cluster view in Chromium against the real engine: start a single-node cluster from the UI,
 * create a service, watch a rolling update complete with both versions answering during it, and
 * leave, leaving the engine as it was. Skipped (with the reason) when the engine is already in a
 * swarm the suite did not start.
 */
import { test, expect } from './fixtures';
import { buildClusterImages, engineInSwarm, type ClusterImages } from '../support/cluster-images';
import { testDocker, waitFor } from '../support/engine';
import { testName } from '../support/labels';

let images: ClusterImages;

/** Screenshots for a person to look at, only when asked (DOCKSIDE_SCREENSHOTS=folder). */
async function shoot(page: import('@playwright/test').Page, name: string): Promise<void> {
  const dir = process.env.DOCKSIDE_SCREENSHOTS;
  if (!dir) return;
  for (const [w, h] of [[1400, 900], [1024, 700]] as const) {
    await page.setViewportSize({ width: w, height: h });
    await page.screenshot({ path: `${dir}/${name}-${w}x${h}.png`, fullPage: false });
  }
  await page.setViewportSize({ width: 1400, height: 900 });
}
let hadGwbridge = false;

test.beforeAll(async () => {
  if (await engineInSwarm(testDocker())) return;
  images = await buildClusterImages(testDocker());
  hadGwbridge = (await testDocker().listNetworks({ filters: { name: ['docker_gwbridge'] } })).some((n) => n.Name === 'docker_gwbridge');
});

test.afterAll(async () => {
  // Never leave the engine in a swarm the test started, even when it failed half-way.
  const docker = testDocker();
  const info = (await docker.info()) as { Swarm?: { LocalNodeState?: string } };
  if (images && info.Swarm?.LocalNodeState === 'active') {
    await docker.swarmLeave({ force: true });
    if (!hadGwbridge) await waitFor(async () => docker.getNetwork('docker_gwbridge').remove().then(() => true, (e: { statusCode?: number }) => e.statusCode === 404), 'docker_gwbridge removed', 15_000);
  }
});

test('start a single-node cluster, create a service, watch a rolling update, leave', async ({ app }) => {
  const swarm = await engineInSwarm(testDocker());
  test.skip(Boolean(swarm), `the engine is already part of a swarm (state ${swarm}); the suite never changes a cluster it did not start`);
  test.setTimeout(240_000);
  const name = testName('web');

  await app.getByRole('button', { name: 'Cluster', exact: true }).click();
  await expect(app.getByText('This engine is not part of a cluster')).toBeVisible();
  await shoot(app, 'cluster-offer');
  await app.getByRole('button', { name: 'Start a single-node cluster on this engine…' }).click();
  const dialog = app.getByRole('dialog', { name: 'Start a single-node cluster?' });
  await expect(dialog).toContainText('docker swarm init --advertise-addr=127.0.0.1 --listen-addr=127.0.0.1:2377');
  await dialog.getByRole('button', { name: 'Start the cluster' }).click();
  await expect(app.getByTestId('cluster-summary')).toContainText('manager · 1 node · 0 services');
  await expect(app.getByTestId('node-row')).toContainText('(this engine)');

  await app.getByRole('button', { name: 'Create a service…' }).click();
  const form = app.getByRole('form', { name: 'Create a service' });
  await form.getByLabel('Name').fill(name);
  await form.getByLabel('Image').fill(images.v1);
  await form.getByLabel('Replicas').fill('-1');
  await form.getByRole('button', { name: 'Create service' }).click();
  await expect(app.getByTestId('error-spec.replicas')).toContainText('must be 0 or more');
  await form.getByLabel('Replicas').fill('2');
  await form.getByLabel('Order').selectOption('start-first');
  await form.getByRole('button', { name: 'Create service' }).click();
  const row = app.getByTestId('service-row').filter({ hasText: name });
  await expect(row.getByTestId('replicas')).toHaveText('2/2', { timeout: 60_000 });
  await expect(app.getByTestId('recent-command').first()).toContainText(`docker service create --name=${name} --replicas=2`);

  // The panel of the new service: HTTP answers from version 1.
  const panel = app.getByRole('region', { name: `Service ${name}` });
  await expect(panel.getByRole('region', { name: 'HTTP answers' })).toContainText('“cluster test version 1”', { timeout: 20_000 });

  const update = panel.getByRole('form', { name: 'Update the image' });
  await update.getByLabel('New image').fill(images.v2);
  await update.getByRole('button', { name: 'Update image' }).click();
  if (process.env.DOCKSIDE_SCREENSHOTS) {
    await expect(panel.getByTestId('update-status')).toContainText('updating', { timeout: 20_000 });
    await shoot(app, 'cluster-during-update');
  }
  await expect(panel.getByTestId('update-status')).toHaveText('update completed', { timeout: 120_000 });
  await expect(row.getByRole('cell', { name: images.v2 })).toBeVisible();
  // Both versions answered during the update, and the lanes show both images.
  const answers = panel.getByRole('region', { name: 'HTTP answers' });
  await expect(answers).toContainText('“cluster test version 2”', { timeout: 20_000 });
  await expect(answers).toContainText('“cluster test version 1”');
  await expect(panel.locator('.rollout figcaption')).toContainText(images.v1);
  await expect(panel.locator('.rollout figcaption')).toContainText(images.v2);
  await shoot(app, 'cluster-after-update');

  await app.getByRole('button', { name: 'Leave the cluster…' }).click();
  const leave = app.getByRole('dialog', { name: 'Leave the cluster?' });
  await expect(leave).toContainText(name);
  await leave.getByRole('button', { name: 'Leave the cluster' }).click();
  await expect(app.getByText('This engine is not part of a cluster')).toBeVisible({ timeout: 30_000 });
  expect(await engineInSwarm(testDocker())).toBe(null);
  await waitFor(async () => (await testDocker().listNetworks({ filters: { name: ['docker_gwbridge'] } })).some((n) => n.Name === 'docker_gwbridge') === hadGwbridge, 'docker_gwbridge back as it was', 15_000);
});
