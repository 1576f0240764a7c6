/**
 * Main's CPU per Stats overview sample, by request path: the lean GET the sampler uses
 * (main/engine/engine-get-json.ts) against the same one-shot request through dockerode and
 * docker-modem's generic dial. Both run the real sampler (main/debug/stats-sample.ts) on 10 of the
 * bench's running containers at 2 s, in this process, with nothing else in it. One unmeasured
 * pass of each path first; then each pass runs 10 s before it is measured for 20 s with
 * process.cpuUsage(). Passes alternate, 3 each.
 *
 *   npx tsx bench/stats-request.ts [--containers N] [--runs N]
 *
 * Not a figure of `npm run bench`: it compares two paths inside Dockside, not Dockside with the CLI.
 */
import { parseArgs } from 'node:util';
import { engineOneShot, sampleStats, type OneShotSource } from '../main/debug/stats-sample';
import type { RawStats } from '../main/debug/stats-formulas';
import { createDockerClient } from '../main/engine/docker-client';
import { resolveEndpoint } from '../main/engine/endpoint';
import { processEndpointEnv } from '../main/engine/engine-manager';
import { WEB_IMAGE } from '../test/support/fixtures';
import { createBenchContainers, fmtSpread, removeBenchContainers, runCleanups, sleep, spread, startAll } from './support';

const { values } = parseArgs({ options: { containers: { type: 'string', default: '10' }, runs: { type: 'string', default: '3' } } });
const N = Number(values.containers);
const RUNS = Number(values.runs);

async function pass(source: OneShotSource, ids: string[]): Promise<{ msPerSample: number; samples: number; errors: number }> {
  let samples = 0;
  let errors = 0;
  const closers = ids.map((id) => sampleStats(source, id, (b) => ((samples += b.samples.length), (errors += b.errors.length)), { hostMemory: 1, intervalMs: 2000 }));
  try {
    await sleep(10_000);
    const from = samples;
    const t0 = process.cpuUsage();
    await sleep(20_000);
    const u = process.cpuUsage(t0);
    const n = samples - from;
    return { msPerSample: (u.user + u.system) / 1000 / n, samples: n, errors };
  } finally {
    closers.forEach((c) => c());
  }
}

async function main(): Promise<void> {
  if (!Number.isInteger(N) || N <= 0 || !Number.isInteger(RUNS) || RUNS <= 0) throw new Error('--containers and --runs must be positive whole numbers');
  // The engine the docker CLI would use (DOCKER_HOST, context, default socket), as Dockside finds it.
  const docker = createDockerClient(resolveEndpoint(processEndpointEnv()));
  const containers = await createBenchContainers(N, WEB_IMAGE, 'request');
  await startAll(containers);
  const ids = containers.map((c) => c.id);
  const lean = engineOneShot(docker);
  // The path the sampler took before engine-get-json.ts: dockerode's stats() through the modem.
  const dial: OneShotSource = {
    key: docker,
    sample: async (id, signal) => (await docker.getContainer(id).stats({ stream: false, 'one-shot': true, abortSignal: signal } as never)) as unknown as RawStats,
  };
  const got = { lean: [] as number[], dial: [] as number[] };
  // Both paths once, unmeasured: the first pass of the process also compiles the sampler and
  // everything both share (measured: 4.0 ms per sample in a first pass, 1.6-1.8 after).
  for (const source of [lean, dial]) await pass(source, ids);
  for (let i = 0; i < RUNS; i++) {
    for (const [name, source] of [['lean', lean], ['dial', dial]] as const) {
      const r = await pass(source, ids);
      if (r.errors) throw new Error(`${name}: ${r.errors} samples failed`);
      got[name].push(r.msPerSample);
      console.log(`run ${i + 1} ${name}: ${r.msPerSample.toFixed(2)} ms of CPU per sample (${r.samples} samples)`);
    }
  }
  console.log(`main's CPU per one-shot sample, ${N} containers at 2 s, min / median / max of ${RUNS}: lean GET ${fmtSpread(spread(got.lean), 2, ' ms')}, dockerode dial ${fmtSpread(spread(got.dial), 2, ' ms')}`);
}

main()
  .catch((err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  })
  .finally(async () => {
    await removeBenchContainers();
    await runCleanups();
    process.exit();
  });
