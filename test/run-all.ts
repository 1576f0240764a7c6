/**
 * `npm test`: the whole suite, stage by stage, ending with one summary line that counts every
 * test of every runner. Skipped tests are counted as skipped, never as passed; any failure (or a
 * stage that breaks) makes the exit code non-zero.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { podmanUnavailable } from './support/podman';

const results = 'test-results';
fs.mkdirSync(results, { recursive: true });

interface Counts {
  passed: number;
  failed: number;
  skipped: number;
}
const total: Counts = { passed: 0, failed: 0, skipped: 0 };
const broken: string[] = [];
const skippedStages: string[] = [];

function run(label: string, cmd: string, args: string[], env: Record<string, string> = {}): boolean {
  console.log(`\n=== ${label}: ${cmd} ${args.join(' ')}`);
  const started = Date.now();
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  console.log(`=== ${label}: ${r.status === 0 ? 'ok' : `exit ${r.status ?? r.signal}`} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  if (r.status !== 0) broken.push(label);
  return r.status === 0;
}

function addVitest(file: string): void {
  if (!fs.existsSync(file)) return;
  const j = JSON.parse(fs.readFileSync(file, 'utf8')) as { numPassedTests: number; numFailedTests: number; numPendingTests: number; numTodoTests: number };
  total.passed += j.numPassedTests;
  total.failed += j.numFailedTests;
  total.skipped += j.numPendingTests + j.numTodoTests;
}

function addPlaywright(file: string): void {
  if (!fs.existsSync(file)) return;
  const j = JSON.parse(fs.readFileSync(file, 'utf8')) as { stats: { expected: number; unexpected: number; skipped: number; flaky: number } };
  total.passed += j.stats.expected;
  total.failed += j.stats.unexpected + j.stats.flaky;
  total.skipped += j.stats.skipped;
}

const bin = (name: string) => path.join('node_modules', '.bin', name);
for (const f of fs.readdirSync(results)) if (f.endsWith('.json')) fs.rmSync(path.join(results, f));

const ready =
  run('typecheck (node side)', bin('tsc'), ['-p', 'tsconfig.node.json', '--noEmit']) &&
  run('typecheck (DOM side)', bin('tsc'), ['-p', 'tsconfig.web.json', '--noEmit']) &&
  run('prepare', bin('tsx'), ['test/setup/prepare.ts']);

if (ready) {
  for (const project of ['unit', 'integration']) {
    const out = path.join(results, `vitest-${project}.json`);
    run(`vitest ${project}`, bin('vitest'), ['run', '--project', project, '--reporter=default', '--reporter=json', `--outputFile.json=${out}`]);
    addVitest(out);
  }
  // The engine-agnostic integration files again, on a private Podman (test/run-podman.ts, about
  // 1-2 minutes). DOCKSIDE_PODMAN_STAGE=0 leaves it out on a developer's machine; where Podman
  // cannot run (not installed, not root, not Linux) the stage says why, also in the summary.
  const noPodman = process.env.DOCKSIDE_PODMAN_STAGE === '0' ? 'DOCKSIDE_PODMAN_STAGE=0 (run it alone with `npm run test:podman`)' : podmanUnavailable();
  if (noPodman) {
    console.log(`\n=== podman integration: skipped: ${noPodman}`);
    skippedStages.push(`podman integration (${noPodman})`);
  } else {
    const out = path.join(results, 'vitest-podman.json');
    run('podman integration', bin('tsx'), ['test/run-podman.ts', out]);
    addVitest(out);
  }
  if (run('renderer build', bin('vite'), ['build', '--config', 'renderer/vite.config.ts', '--logLevel', 'warn'])) {
    const out = path.join(results, 'playwright.json');
    run('playwright e2e', bin('playwright'), ['test', '--reporter=list,json'], { PLAYWRIGHT_JSON_OUTPUT_NAME: out });
    addPlaywright(out);
  }
}

console.log('');
if (broken.length) console.log(`Stages that failed: ${broken.join(', ')}`);
if (skippedStages.length) console.log(`Stages skipped: ${skippedStages.join('; ')}`);
console.log(`tests: ${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
process.exit(broken.length || total.failed ? 1 : 0);
