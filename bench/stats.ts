/**
 * Stats benchmark: N running containers and the stats overview open for `--seconds` (60 by
 * default), measuring the CPU seconds of the engine (dockerd, containerd, shims) plus Dockside's
 * main process; then the same with `docker stats` (engine + the CLI process) for the same time.
 */
import { spawn } from 'node:child_process';
import { cleanupRun, runContainer, testDocker } from '../test/support/engine';
import { WEB_IMAGE } from '../test/support/fixtures';
import { testName } from '../test/support/labels';
import { benchOptions, fmt, measureCpu, openBrowser, startAppServer } from './support';

async function startContainers(n: number): Promise<string[]> {
  const ids: string[] = [];
  // A few at a time: the engine is shared with other work on this machine.
  for (let i = 0; i < n; i += 5) {
    const batch = await Promise.all(
      Array.from({ length: Math.min(5, n - i) }, (_, k) =>
        runContainer({ name: testName(`bench-stats-${i + k}`), image: WEB_IMAGE, cmd: ['sleep', '100000'], labels: { 'dockside.bench': 'stats' } }),
      ),
    );
    ids.push(...batch.map((c) => c.id));
  }
  return ids;
}

async function dockside(n: number, names: string[], seconds: number) {
  const server = await startAppServer();
  const { browser, page } = await openBrowser(server.url);
  try {
    await page.getByRole('button', { name: 'Stats', exact: true }).click();
    // Wait until every one of our containers shows a sample, then measure the steady state.
    for (const name of names) {
      await page.locator(`[data-testid="stats-row"][data-name="${name}"] [data-col="cpu"]`).waitFor({ timeout: 60_000 });
    }
    const m = await measureCpu(seconds, () => [server.process.pid!]);
    const rows = await page.getByTestId('stats-row').count();
    return { ...m, rows };
  } finally {
    await browser.close();
    await server.stop();
  }
}

async function cli(seconds: number) {
  // Plain `docker stats`: every running container, as the overview shows every running one
  // (other work on this engine included, in both runs). Output thrown away.
  const child = spawn('docker', ['stats'], { stdio: ['ignore', 'ignore', 'ignore'] });
  await new Promise((r) => setTimeout(r, 3000)); // the CLI's first samples, as Dockside's wait above
  const m = await measureCpu(seconds, () => [child.pid!]);
  child.kill('SIGTERM');
  return m;
}

export async function benchStats(): Promise<void> {
  const { seconds, counts } = benchOptions();
  for (const n of counts) {
    console.log(`\n== stats: ${n} running containers, ${seconds} s each ==`);
    const ids = await startContainers(n);
    try {
      const names = await Promise.all(ids.map(async (id) => (await testDocker().getContainer(id).inspect()).Name.replace(/^\//, '')));
      const d = await dockside(n, names, seconds);
      const running = (await testDocker().listContainers()).length;
      const c = await cli(seconds);
      const dTotal = d.engine + d.extra;
      const cTotal = c.engine + c.extra;
      console.log(`Dockside (overview open, ${d.rows} rows): engine ${fmt(d.engine)} CPU s + main process ${fmt(d.extra)} CPU s = ${fmt(dTotal)} CPU s`);
      console.log(`docker stats (${running} running):   engine ${fmt(c.engine)} CPU s + CLI ${fmt(c.extra)} CPU s = ${fmt(cTotal)} CPU s`);
      console.log(`ratio Dockside / docker stats: ${fmt(dTotal / cTotal)} (engine only: ${fmt(d.engine / c.engine)}; target <= 1.00)`);
    } finally {
      await Promise.all(ids.map((id) => testDocker().getContainer(id).remove({ force: true }).catch(() => undefined)));
    }
  }
  await cleanupRun();
}
