/**
 * The docker CLI's side of the stream-churn figure (issue 16): `docker stats` runs with
 * DOCKER_HOST pointing at the counting socket proxy, one labelled container is started and
 * killed 5 times (10 toggles), and the stats requests for it that reached the engine are
 * counted. Dockside's side, with the same toggles, is printed by test/e2e/perf-budgets.spec.ts.
 * Run: node --import tsx bench/stats-churn-cli.ts
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { countingProxy } from '../test/support/counting-proxy';
import { cleanupRun, runContainer, waitFor } from '../test/support/engine';
import { WEB_IMAGE } from '../test/support/fixtures';
import { testName } from '../test/support/labels';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dockside-churn-'));
const proxy = await countingProxy(path.join(dir, 'engine.sock'));
const tog = await runContainer({ name: testName('churn'), image: WEB_IMAGE, start: false });
const cli = spawn('docker', ['stats', '--format', '{{.ID}} {{.CPUPerc}}'], { env: { ...process.env, DOCKER_HOST: `unix://${proxy.socketPath}` }, stdio: ['ignore', 'ignore', 'ignore'] });
const forTog = () => proxy.log.filter((r) => /\/containers\/([0-9a-f]+)\/stats/.exec(r.line)?.[1]?.startsWith(tog.id.slice(0, 12)));
try {
  await waitFor(() => proxy.log.some((r) => r.line.includes('/events')), 'the CLI follows events', 20_000);
  for (let i = 0; i < 5; i++) {
    const before = forTog().length;
    await tog.start();
    await waitFor(() => forTog().length > before, `the CLI streams start ${i + 1}`, 20_000).catch((e) => {
      console.error(proxy.requests.slice(-15).join('\n'));
      throw e;
    });
    await tog.kill();
    await waitFor(async () => !(await tog.inspect()).State.Running, 'killed');
  }
  const reqs = forTog();
  const streams = reqs.filter((r) => !/[?&]stream=(false|0)\b/.test(r.line));
  console.log(`docker stats, 10 start/kill toggles: ${streams.length} stats streams opened for the toggled container (${reqs.length} stats requests in all)`);
} finally {
  cli.kill();
  await proxy.close();
  await cleanupRun();
  fs.rmSync(dir, { recursive: true, force: true });
}
