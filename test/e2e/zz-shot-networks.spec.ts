import { test } from './fixtures';
import { cleanupRun, runContainer, testDocker } from '../support/engine';
import { WEB_IMAGE } from '../support/fixtures';
import { testLabels, testName } from '../support/labels';
import { CADDY_TEST_IMAGE } from '../setup/prepare-networks';

test('shots', async ({ app }) => {
  test.setTimeout(180_000);
  const d = testDocker();
  const nets: string[] = [];
  for (let n = 0; n < 4; n++) { const name = testName(`shotnet${n}`); await d.createNetwork({ Name: name, Labels: testLabels() }); nets.push(name); }
  const jobs: Promise<unknown>[] = [];
  for (let i = 0; i < 26; i++) jobs.push(runContainer({ name: testName(`s${i}`), image: WEB_IMAGE, networkMode: i < 24 ? nets[i % 4] : 'none', ...(i % 7 === 0 ? { ports: { '80/tcp': '' } } : {}) }));
  await Promise.all(jobs);
  await app.getByRole('button', { name: 'Networks', exact: true }).click();
  await app.waitForTimeout(1500);
  await app.screenshot({ path: '/tmp/nw-list.png', fullPage: true });
  await app.getByRole('tab', { name: 'Load-balancer lab' }).click();
  await app.getByLabel('Host port').fill('18473');
  await app.getByLabel('Caddy image').fill(CADDY_TEST_IMAGE);
  await app.getByRole('button', { name: 'Start the lab' }).click();
  await app.getByTestId('lab-running').waitFor({ timeout: 30000 });
  await app.getByRole('button', { name: /Send 4/ }).click();
  await app.waitForTimeout(1500);
  await app.screenshot({ path: '/tmp/nw-lab.png', fullPage: true });
  await app.getByRole('tab', { name: 'Topology' }).click();
  await app.waitForTimeout(1500);
  await app.screenshot({ path: '/tmp/nw-topo.png', fullPage: false });
  const labId = await (async () => { const l = await d.listContainers({ all: true, filters: { label: ['dockside.lab'] } }); return l[0]?.Labels['dockside.lab']; })();
  const filters = { label: [`dockside.lab=${labId}`] };
  for (const c of await d.listContainers({ all: true, filters })) await d.getContainer(c.Id).remove({ force: true });
  for (const n of await d.listNetworks({ filters })) await d.getNetwork(n.Id).remove();
  await cleanupRun();
});
