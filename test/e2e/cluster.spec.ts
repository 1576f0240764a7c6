/**
 * The cluster view in Chromium against the real engine: start a single-node cluster from the UI,
 * create a service, watch a rolling update complete with both versions answering during it, and
 * leave, leaving the engine as it was. Skipped (with the reason) when the engine is already in a
 * swarm the suite did not start.
 */
import os from 'node:os';
import { test, expect } from './fixtures';
import { buildClusterImages, engineInSwarm, type ClusterImages } from '../support/cluster-images';
import { testDocker, waitFor } from '../support/engine';
import { testLabels, testName } from '../support/labels';
import { hostHasDocker0, privateDockerdUnavailable, startPrivateDockerd } from '../support/private-dockerd';
import { hostLinks, linkToNamespace, vethLinkUnavailable, type VethLink } from '../support/veth-link';

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

/** Leaves a swarm this file started, and removes docker_gwbridge when it was not there before. */
async function leaveAsBefore(): Promise<void> {
  const docker = testDocker();
  const info = (await docker.info()) as { Swarm?: { LocalNodeState?: string } };
  if (images && info.Swarm?.LocalNodeState === 'active') {
    await docker.swarmLeave({ force: true });
    if (!hadGwbridge) await waitFor(async () => docker.getNetwork('docker_gwbridge').remove().then(() => true, (e: { statusCode?: number }) => e.statusCode === 404), 'docker_gwbridge removed', 15_000);
  }
}

// Never leave the engine in a swarm the test started, even when it failed half-way.
test.afterAll(leaveAsBefore);

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

test('a private engine joins as a worker: two ready nodes, a task running on each, both answering', async ({ app }) => {
  const swarm = await engineInSwarm(testDocker());
  const why = swarm ? `the engine is already part of a swarm (state ${swarm}); the suite never changes a cluster it did not start` : (privateDockerdUnavailable() ?? vethLinkUnavailable());
  test.skip(Boolean(why), `two-node cluster: ${why}`);
  test.setTimeout(180_000);
  const docker = testDocker();
  const docker0Before = hostHasDocker0();
  const ours = (n: string) => n.startsWith('dsk') || n === 'docker_gwbridge';
  const linksBefore = hostLinks().filter(ours);
  // The second machine: a private engine in its own network namespace (see test/support), with
  // its own hostname, linked to this host by a veth pair.
  const hostname = testName('worker');
  const worker = await startPrivateDockerd({ userlandProxy: true, hostname });
  let link: VethLink | undefined;
  try {
    await worker.loadImage(docker, images.v1);
    link = await linkToNamespace(worker.pid()!);

    // Start the cluster from the UI with the address the other machine can reach.
    await app.getByRole('button', { name: 'Cluster', exact: true }).click();
    await app.getByLabel('Advertise address').fill(link.hostIp);
    await app.getByRole('button', { name: 'Start a single-node cluster on this engine…' }).click();
    const dialog = app.getByRole('dialog', { name: 'Start a single-node cluster?' });
    await expect(dialog).toContainText('on every network interface');
    await expect(dialog).toContainText(`docker swarm init --advertise-addr=${link.hostIp} --listen-addr=0.0.0.0:2377`);
    await dialog.getByRole('button', { name: 'Start the cluster' }).click();
    await expect(app.getByTestId('cluster-summary')).toContainText('manager · 1 node');

    // The worker joins (as `docker swarm join --token TOKEN HOST:2377` run there would).
    const { JoinTokens } = (await docker.swarmInspect()) as { JoinTokens: { Worker: string } };
    await worker.docker.swarmJoin({ ListenAddr: `${link.nsIp}:2377`, AdvertiseAddr: link.nsIp, RemoteAddrs: [`${link.hostIp}:2377`], JoinToken: JoinTokens.Worker });
    const nodes = app.getByRole('table', { name: 'Nodes' }).getByTestId('node-row');
    await expect(nodes).toHaveCount(2, { timeout: 30_000 });
    await expect(nodes.filter({ hasText: '(this engine)' })).toContainText('manager, leader');
    const workerRow = nodes.filter({ hasText: hostname });
    await expect(workerRow.getByRole('cell')).toHaveText([hostname, 'worker', 'active', 'ready', /\d/, link.nsIp], { timeout: 30_000 });

    // 2 replicas with a host-mode port. The worker has no default bridge (--bridge=none), so the
    // tasks join an overlay network; Dockside's form has no network field: made with the API.
    const net = testName('overlay');
    await docker.createNetwork({ Name: net, Driver: 'overlay', Labels: testLabels() });
    const name = testName('spread');
    await docker.createService({
      Name: name,
      Labels: testLabels(),
      TaskTemplate: { ContainerSpec: { Image: images.v1, Labels: testLabels() }, Networks: [{ Target: net }] },
      Mode: { Replicated: { Replicas: 2 } },
      EndpointSpec: { Ports: [{ Protocol: 'tcp', TargetPort: 80, PublishMode: 'host' }] },
    });
    const row = app.getByTestId('service-row').filter({ hasText: name });
    await expect(row.getByTestId('replicas')).toHaveText('2/2', { timeout: 60_000 });
    await row.getByRole('button', { name }).click();
    const panel = app.getByRole('region', { name: `Service ${name}` });
    const tasks = panel.getByRole('table', { name: `Tasks of ${name}` }).getByTestId('task-row').filter({ hasText: 'running' });
    for (const node of [os.hostname(), hostname]) {
      await expect(tasks.filter({ has: app.getByRole('cell', { name: node, exact: true }) })).toHaveCount(1, { timeout: 30_000 });
    }
    // Both tasks answer: this host's on loopback, the worker's at its address over the link.
    await expect(panel.getByTestId('probe-now')).toHaveText('Now: up, 2 of 2 ports answering', { timeout: 20_000 });
    await shoot(app, 'cluster-two-nodes');
  } finally {
    await worker.docker.swarmLeave({ force: true }).catch(() => undefined);
    try {
      await leaveAsBefore();
    } finally {
      await worker.stop();
      link?.remove();
    }
  }
  expect(await engineInSwarm(docker)).toBe(null);
  expect(hostHasDocker0()).toBe(docker0Before);
  expect(hostLinks().filter(ours)).toEqual(linksBefore);
});
