/**
 * `npm run test:podman`: the engine-agnostic integration tests again, against a private Podman
 * engine (test/support/podman.ts). The same files run with DOCKER_HOST naming Podman's socket
 * and DOCKSIDE_TEST_ENGINE=podman, so a test that needs what Podman lacks skips and says why.
 * Prints the vitest summary; exits non-zero when a test failed.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { WEB_IMAGE } from './support/fixtures';
import { loadIntoPodman, PODMAN, startPodman } from './support/podman';

export const PODMAN_FILES = [
  'test/integration/containers.test.ts',
  'test/integration/debug.test.ts',
  'test/integration/workflows.test.ts',
  'test/integration/networks.test.ts',
  'test/integration/lessons.test.ts',
  'test/integration/livestate-lists.test.ts',
  'test/integration/engine-connection.test.ts',
];

async function main(): Promise<number> {
  if (!PODMAN) {
    console.log('test:podman: skipped: podman is not installed (apt-get install podman)');
    return 0;
  }
  const podman = await startPodman();
  try {
    loadIntoPodman(podman, process.env.DOCKER_HOST, [WEB_IMAGE]);
    const out = process.argv[2];
    const r = spawnSync(path.join('node_modules', '.bin', 'vitest'), ['run', '--project', 'integration', '--reporter=default', ...(out ? ['--reporter=json', `--outputFile.json=${out}`] : []), ...PODMAN_FILES], {
      stdio: 'inherit',
      env: { ...process.env, DOCKER_HOST: podman.url, DOCKSIDE_TEST_ENGINE: 'podman', DOCKER_TLS_VERIFY: '', DOCKER_CONTEXT: '' },
    });
    return r.status ?? 1;
  } finally {
    await podman.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (err: Error) => {
    console.error(`test:podman: ${err.message}`);
    process.exit(1);
  },
);
