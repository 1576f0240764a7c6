/**
 * `npm run test:podman` (and the Podman stage of `npm test`): the engine-agnostic integration
 * tests again, against a private Podman engine (test/support/podman.ts). The files run inside
 * that engine's network namespace with DOCKER_HOST naming its socket and
 * DOCKSIDE_TEST_ENGINE=podman, so a test that needs what Podman lacks skips and prints why.
 * `npm run test:podman [json-out] [--all]`: --all adds the files left out of the lean stage.
 * Prints the vitest summary and the stage's seconds; exits non-zero when a test failed.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { WEB_IMAGE } from './support/fixtures';
import { loadIntoPodman, podmanUnavailable, processesMentioning, startPodman } from './support/podman';

/**
 * The lean set: the files where the engine's API shapes and events decide what the user sees.
 * Left out (with --all they run too): lessons (its checks are pure functions of the snapshot and
 * events, unit-tested; the Podman-specific ones are in podman-engine.test.ts) and
 * engine-connection (socket, permission and switch logic that does not depend on the engine).
 */
export const PODMAN_FILES = [
  'test/integration/podman-engine.test.ts',
  'test/integration/containers.test.ts',
  'test/integration/livestate-lists.test.ts',
  'test/integration/workflows.test.ts',
  'test/integration/debug.test.ts',
  'test/integration/networks.test.ts',
];
const EXTRA_FILES = ['test/integration/lessons.test.ts', 'test/integration/engine-connection.test.ts'];

async function main(): Promise<number> {
  const started = Date.now();
  const why = podmanUnavailable();
  if (why) {
    console.log(`test:podman: skipped: ${why}`);
    return 0;
  }
  const args = process.argv.slice(2);
  // A positional argument ending in .test.ts picks files (for a developer); any other is the JSON output.
  const picked = args.filter((a) => a.endsWith('.test.ts'));
  const out = args.find((a) => !a.startsWith('--') && !a.endsWith('.test.ts'));
  const files = picked.length ? picked : args.includes('--all') ? [...PODMAN_FILES, ...EXTRA_FILES] : PODMAN_FILES;
  const podman = await startPodman();
  let status = 1;
  try {
    loadIntoPodman(podman, process.env.DOCKER_HOST, [WEB_IMAGE]);
    console.log(`test:podman: private engine on ${podman.url} (own network namespace) ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    const vitest = path.resolve('node_modules', '.bin', 'vitest');
    const r = spawnSync(
      'nsenter',
      [`--net=/proc/${podman.pid}/ns/net`, vitest, 'run', '--project', 'integration', '--reporter=default', ...(out ? ['--reporter=json', `--outputFile.json=${out}`] : []), ...files],
      { stdio: 'inherit', env: { ...process.env, DOCKER_HOST: podman.url, DOCKSIDE_TEST_ENGINE: 'podman', DOCKER_TLS_VERIFY: '', DOCKER_CERT_PATH: '', DOCKER_CONTEXT: '' } },
    );
    status = r.status ?? 1;
  } finally {
    const dir = podman.dir;
    for (const note of await podman.stop()) console.log(`test:podman: ${note}`);
    const left = [fs.existsSync(dir) && `folder ${dir}`, processesMentioning(dir).length && `processes naming ${dir}`, fs.readFileSync('/proc/self/mounts', 'utf8').includes(dir) && `mounts under ${dir}`].filter(Boolean);
    if (left.length) {
      console.log(`test:podman: left behind: ${left.join(', ')}`);
      status = status || 1;
    } else console.log('test:podman: engine removed (no folder, process or mount left)');
  }
  console.log(`test:podman: ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return status;
}

main().then(
  (code) => process.exit(code),
  (err: Error) => {
    console.error(`test:podman: ${err.message}`);
    process.exit(1);
  },
);
