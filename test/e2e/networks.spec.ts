/** Networks in Chromium against the real engine: create + attach, the topology, the load-balancer lab. */
import net from 'node:net';
import { test, expect } from './fixtures';
import { CADDY_TEST_IMAGE } from '../setup/prepare-networks';
import { runContainer, testDocker } from '../support/engine';
import { WEB_IMAGE } from '../support/fixtures';
import { freeSubnet } from '../support/free-subnet';
import { testName } from '../support/labels';

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.listen(0, '0.0.0.0', () => {
      const p = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(p));
    });
  });
}

test('create a network in the UI, attach a container with an alias, refuse removal while attached', async ({ app }) => {
  const netName = testName('uinet');
  const cName = testName('attach');
  const c = await runContainer({ name: cName, image: WEB_IMAGE });
  try {
    await app.getByRole('button', { name: 'Networks', exact: true }).click();
    const form = app.getByRole('form', { name: 'Create a network' });
    await form.getByLabel('Subnet (optional)').fill('10.1.2.0/33');
    await form.getByLabel('Name').fill(netName);
    await form.getByRole('button', { name: 'Create network' }).click();
    await expect(app.getByTestId('network-subnet-error')).toHaveText('Subnet /33 is not a prefix length (0 to 32)');

    const subnet = await freeSubnet();
    await form.getByLabel('Subnet (optional)').fill(subnet);
    await form.getByRole('button', { name: 'Create network' }).click();
    const row = app.getByTestId(`network-row-${netName}`);
    await expect(row).toContainText(subnet);
    await expect(app.getByTestId('recent-command')).toContainText(`docker network create --driver bridge`);

    // The same name again: the field says so.
    await form.getByLabel('Name').fill(netName);
    await form.getByLabel('Subnet (optional)').fill('');
    await form.getByRole('button', { name: 'Create network' }).click();
    await expect(app.getByTestId('network-name-error')).toContainText('already exists');

    await app.getByRole('button', { name: `Details of network ${netName}` }).click();
    const details = app.getByRole('region', { name: `Details of network ${netName}` });
    await details.getByLabel('Container to connect').selectOption(cName);
    await details.getByLabel('Alias').fill('web');
    await details.getByRole('button', { name: 'Connect' }).click();
    const endpoint = app.getByTestId(`endpoint-${netName}-${cName}`);
    await expect(endpoint).toContainText(new RegExp(`${subnet.replace(/\.0\/24$/, '').replace(/\./g, '\\.')}\\.\\d+/24`));
    await expect(endpoint).toContainText('alias web');
    await expect(app.getByTestId('recent-command')).toContainText(`docker network connect`);
    await expect(details.getByTestId('network-inspect-json')).toContainText(cName);
    const info = await c.inspect();
    expect(info.NetworkSettings.Networks[netName]?.Aliases).toContain('web');

    // Removal while attached is refused with the engine-side explanation.
    await row.getByRole('button', { name: `Remove network ${netName}` }).click();
    const dialog = app.getByRole('dialog');
    await expect(dialog).toContainText('still attached');
    await dialog.getByRole('button', { name: 'Remove' }).click();
    await expect(dialog.getByRole('alert')).toContainText(cName);
    await dialog.getByRole('button', { name: 'Cancel' }).click();

    await app.getByRole('button', { name: `Disconnect ${cName} from ${netName}` }).click();
    await expect(endpoint).toHaveCount(0);
    await row.getByRole('button', { name: `Remove network ${netName}` }).click();
    await app.getByRole('dialog').getByRole('button', { name: 'Remove' }).click();
    await expect(row).toHaveCount(0);
    await expect(app.getByTestId('recent-command')).toContainText(`docker network rm ${netName}`);
  } finally {
    await c.remove({ force: true }).catch(() => undefined);
    await testDocker().getNetwork(netName).remove().catch(() => undefined);
  }
});

test('the lab: topology shows the load balancer on its host port; counts rise per backend; teardown', async ({ app }) => {
  test.setTimeout(150_000);
  let labId: string | null = null;
  try {
    await app.getByRole('button', { name: 'Networks', exact: true }).click();
    await app.getByRole('tab', { name: 'Load-balancer lab' }).click();
    const port = await freePort();
    await app.getByLabel('Host port').fill(String(port));
    await app.getByLabel('Caddy image').fill(CADDY_TEST_IMAGE);
    await app.getByRole('button', { name: 'Start the lab' }).click();
    const running = app.getByTestId('lab-running');
    await expect(running).toBeVisible({ timeout: 30_000 });
    labId = await running.getAttribute('data-lab-id');
    await expect(app.getByRole('textbox', { name: 'Caddyfile' })).toHaveValue(/lb_policy round_robin/);

    // Topology: host port -> load balancer; the app servers sit in the same network with no port.
    await app.getByRole('tab', { name: 'Topology' }).click();
    await expect(app.getByTestId(`topology-port-${port}`)).toBeVisible();
    await expect(app.getByTestId(`topology-edge-${port}/tcp`)).toHaveCount(1);
    const lb = app.locator(`[data-testid$="-lb"][data-testid^="topology-container-dockside-lab-"]`);
    await expect(lb).toHaveAttribute('data-network', /^dockside-lab-.*-net$/);
    await expect(lb).toHaveAttribute('aria-label', new RegExp(`published ${port}→80`));
    const app1 = app.locator(`[data-testid$="-app1"][data-testid^="topology-container-dockside-lab-"]`);
    await expect(app1).not.toHaveAttribute('aria-label', /published/);

    await app.getByRole('tab', { name: 'Load-balancer lab' }).click();
    // On demand, round robin: 2 and 2. Then policy "first" applied with caddy reload: all to app1.
    await app.getByRole('button', { name: 'Send 4 requests' }).click();
    await expect(app.getByTestId('lab-count-value-app1')).toHaveText('2');
    await expect(app.getByTestId('lab-count-value-app2')).toHaveText('2');
    await app.getByLabel('Load-balancing policy').selectOption('first');
    await expect(app.getByRole('textbox', { name: 'Caddyfile' })).toHaveValue(/lb_policy first/);
    await app.getByRole('button', { name: 'Apply (caddy reload)' }).click();
    await expect(app.getByTestId('lab-reloaded')).toContainText('Applied: lb_policy first');
    await app.getByRole('button', { name: 'Send 4 requests' }).click();
    await expect(app.getByTestId('lab-count-value-app1')).toHaveText('4');
    await expect(app.getByTestId('lab-count-value-app2')).toHaveText('0');
    await app.getByLabel('Load-balancing policy').selectOption('round_robin');
    await app.getByRole('button', { name: 'Apply (caddy reload)' }).click();
    await expect(app.getByTestId('lab-reloaded')).toContainText('Applied: lb_policy round_robin');

    // Continuous traffic: both counts rise.
    await app.getByLabel('Requests per second').selectOption('10');
    await app.getByRole('button', { name: 'Start continuous traffic' }).click();
    const count = async (k: string) => Number(await app.getByTestId(`lab-count-value-${k}`).textContent());
    await expect.poll(() => count('app1')).toBeGreaterThanOrEqual(3);
    await expect.poll(() => count('app2')).toBeGreaterThanOrEqual(3);

    // Stop app1: from then on only app2's count moves.
    await app.getByRole('button', { name: 'Stop app1' }).click();
    await expect(app.getByTestId('lab-container-app1')).toHaveAttribute('data-state', 'exited', { timeout: 15_000 });
    await app.getByRole('button', { name: 'Reset counts' }).click();
    await expect.poll(() => count('app2'), { timeout: 15_000 }).toBeGreaterThanOrEqual(8);
    expect(await count('app1')).toBe(0);
    await app.getByRole('button', { name: 'Stop continuous traffic' }).click();

    // Teardown through the confirmation; nothing labelled with the lab remains.
    await app.getByRole('button', { name: 'Tear down the lab' }).click();
    await app.getByRole('dialog').getByRole('button', { name: 'Tear down' }).click();
    await expect(app.getByRole('button', { name: 'Start the lab' })).toBeVisible({ timeout: 20_000 });
    const left = await testDocker().listContainers({ all: true, filters: { label: [`dockside.lab=${labId}`] } });
    expect(left).toHaveLength(0);
  } finally {
    if (labId) {
      const docker = testDocker();
      const filters = { label: [`dockside.lab=${labId}`] };
      for (const c of await docker.listContainers({ all: true, filters })) await docker.getContainer(c.Id).remove({ force: true }).catch(() => undefined);
      for (const n of await docker.listNetworks({ filters })) await docker.getNetwork(n.Id).remove().catch(() => undefined);
    }
  }
});
