/**
 * `npm test`: the whole suite, stage by stage, ending with one summary line that counts every
 * test of every runner. Skipped tests are counted as skipped, never as passed; any failure (or a
 * stage that breaks) makes the exit code non-zero.
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { podmanUnavailable } from './support/podman';
import { type Counts, type StageResult, readPlaywright, readVitest } from './support/test-results';

const results = 'test-results';
fs.mkdirSync(results, { recursive: true });

const total: Counts = { passed: 0, failed: 0, skipped: 0 };
const broken: string[] = [];
const skippedStages: string[] = [];
/** Names of the failed tests, repeated in the closing lines: a CI log often keeps only its tail. */
const failedNames: string[] = [];
/** The same with what each error says beyond its first line, printed just above them. */
const failedDetails: string[] = [];

function run(label: string, cmd: string, args: string[], env: Record<string, string> = {}): boolean {
  console.log(`\n=== ${label}: ${cmd} ${args.join(' ')}`);
  const started = Date.now();
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  console.log(`=== ${label}: ${r.status === 0 ? 'ok' : `exit ${r.status ?? r.signal}`} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  if (r.status !== 0) broken.push(label);
  return r.status === 0;
}

function add(read: (json: unknown) => StageResult, file: string): void {
  if (!fs.existsSync(file)) return;
  const r = read(JSON.parse(fs.readFileSync(file, 'utf8')));
  total.passed += r.passed;
  total.failed += r.failed;
  total.skipped += r.skipped;
  failedNames.push(...r.failedNames);
  failedDetails.push(...r.failedDetails);
}
const addVitest = (file: string) => add(readVitest, file);
const addPlaywright = (file: string) => add(readPlaywright, file);

const bin = (name: string) => path.join('node_modules', '.bin', name);
for (const f of fs.readdirSync(results)) if (f.endsWith('.json')) fs.rmSync(path.join(results, f));

const ready =
  run('typecheck (node side)', bin('tsc'), ['-p', 'tsconfig.node.json', '--noEmit']) &&
  run('typecheck (DOM side)', bin('tsc'), ['-p', 'tsconfig.web.json', '--noEmit']) &&
  run('prepare', bin('tsx'), ['test/setup/prepare.ts']);

/**
 * Starts a stage in the background with its output in a file (so it does not interleave with
 * the stage in the foreground); the returned function waits for it, prints its output and
 * records it like run() does.
 */
function runInBackground(label: string, cmd: string, args: string[]): () => Promise<boolean> {
  const logFile = path.join(results, `${label.replace(/\W+/g, '-')}.log`);
  // Kept open and read back through the descriptor: the output survives even if something
  // empties test-results/ meanwhile.
  const log = fs.openSync(logFile, 'w+');
  console.log(`\n=== ${label}: ${cmd} ${args.join(' ')} (in the background, output below when it ends)`);
  const started = Date.now();
  const child = spawn(cmd, args, { stdio: ['ignore', log, log] });
  const exited = new Promise<number | string>((resolve) => {
    child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown'));
    child.once('error', (err) => resolve(err.message));
  });
  return async () => {
    const code = await exited;
    console.log(`\n=== ${label}: output`);
    const out = Buffer.alloc(fs.fstatSync(log).size);
    fs.readSync(log, out, 0, out.length, 0);
    fs.closeSync(log);
    process.stdout.write(out);
    console.log(`=== ${label}: ${code === 0 ? 'ok' : `exit ${code}`} in ${((Date.now() - started) / 1000).toFixed(1)} s (background, since its start)`);
    if (code !== 0) broken.push(label);
    return code === 0;
  };
}

async function stages(): Promise<void> {
  // The engine-agnostic integration files again, on a private Podman (test/run-podman.ts, about
  // 2 minutes here). It runs alongside the e2e specs that need the Docker engine to themselves:
  // a private Podman is another engine (its own socket, storage and network namespace), so it
  // cannot tick their lessons or add to their request counts, and those specs leave the CPU idle
  // for long stretches (idle-period counts, registry pushes, a swarm's convergence). Beside the
  // unit tests, as before, it added about 40 s to the run (unit alone 77 s, both 116 s).
  // DOCKSIDE_PODMAN_STAGE=0 leaves it out on a developer's machine; where Podman cannot run (not
  // installed, not root, not Linux) the stage says why, also in the summary.
  const noPodman = process.env.DOCKSIDE_PODMAN_STAGE === '0' ? 'DOCKSIDE_PODMAN_STAGE=0 (run it alone with `npm run test:podman`)' : podmanUnavailable();
  const podmanOut = path.join(results, 'vitest-podman.json');
  const startPodman = (): (() => Promise<boolean>) | null => {
    if (!noPodman) return runInBackground('podman integration', bin('tsx'), ['test/run-podman.ts', podmanOut]);
    console.log(`\n=== podman integration: skipped: ${noPodman}`);
    skippedStages.push(`podman integration (${noPodman})`);
    return null;
  };
  const endPodman = async (done: (() => Promise<boolean>) | null) => {
    if (!done) return;
    await done();
    addVitest(podmanOut);
  };

  const unitOut = path.join(results, 'vitest-unit.json');
  run('vitest unit', bin('vitest'), ['run', '--project', 'unit', '--reporter=default', '--reporter=json', `--outputFile.json=${unitOut}`]);
  addVitest(unitOut);

  const integrationOut = path.join(results, 'vitest-integration.json');
  // Two files at a time, then the files that need the engine to themselves one by one
  // (vitest.config.ts says which and why): one vitest run, two groups.
  run('vitest integration', bin('vitest'), ['run', '--project', 'integration', '--project', 'integration-quiet', '--reporter=default', '--reporter=json', `--outputFile.json=${integrationOut}`]);
  addVitest(integrationOut);
  if (run('renderer build', bin('vite'), ['build', '--config', 'renderer/vite.config.ts', '--logLevel', 'warn'])) {
    // Two workers for the specs that can share the engine, then the quiet ones alone
    // (playwright.config.ts says which and why); one summary line counts both.
    const shared = path.join(results, 'playwright-shared.json');
    run('playwright e2e (2 workers)', bin('playwright'), ['test', '--project=shared', '--reporter=list,json'], { PLAYWRIGHT_JSON_OUTPUT_NAME: shared });
    addPlaywright(shared);
    const podmanDone = startPodman();
    const quiet = path.join(results, 'playwright-quiet.json');
    run('playwright e2e (engine to themselves)', bin('playwright'), ['test', '--project=quiet', '--no-deps', '--reporter=list,json'], { PLAYWRIGHT_JSON_OUTPUT_NAME: quiet });
    addPlaywright(quiet);
    await endPodman(podmanDone);
  } else await endPodman(startPodman());
}

async function main(): Promise<void> {
  if (ready) await stages();
  console.log('');
  if (failedDetails.length) console.log(`What the failures said:\n${failedDetails.map((d) => `  - ${d}`).join('\n')}\n`);
  if (failedNames.length) console.log(`Failed tests:\n${failedNames.map((n) => `  - ${n}`).join('\n')}`);
  if (broken.length) console.log(`Stages that failed: ${broken.join(', ')}`);
  if (skippedStages.length) console.log(`Stages skipped: ${skippedStages.join('; ')}`);
  console.log(`tests: ${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
  process.exit(broken.length || total.failed ? 1 : 0);
}

void main();
