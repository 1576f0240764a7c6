/**
 * `npm run test:podman` (and the Podman stage of `npm test`): the engine-agnostic integration
 * tests again, against a private Podman engine (test/support/podman.ts). The files run inside
 * that engine's network namespace with DOCKER_HOST naming its socket and
 * DOCKSIDE_TEST_ENGINE=podman, so a test that needs what Podman lacks skips and prints why.
 * `npm run test:podman [json-out] [--all] [file.test.ts ...]`: --all also runs what the lean
 * stage leaves out (files and single tests); named files run alone. Prints why each file is not
 * run, the vitest summary and the stage's seconds; exits non-zero when a test failed. Where
 * Podman cannot run (not installed, not root, not Linux) it prints "skipped: <why>", exits 0.
 * Measured here (2 shared cores): engine start and image load take about 1 s; the time goes to
 * the files themselves (livestate-lists, workflows and debug about 20 s each, networks 11-17 s:
 * Podman sends no network events, so it waits for the open view's 10 s re-list).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { WEB_IMAGE } from './support/fixtures';
import { loadIntoPodman, podmanUnavailable, processesMentioning, startPodman } from './support/podman';

/**
 * The lean set: the files where the engine's API shapes and events decide what the user sees
 * (engine status, events incl. `remove`, lists converging after kill/exit/rm, Limits "not
 * supported", networks refresh, build STEP progress, exec, top, logs, stats). Inside them, tests
 * of Dockside's own logic leave themselves out of the lean run and print why
 * (leftOutOfLeanPodman in test/support/engine-kind.ts); --all runs them and EXTRA_FILES too.
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

/** Why each other integration file does not run on Podman; printed by every run. */
export const NOT_ON_PODMAN: Record<string, string> = {
  'lessons.test.ts': 'lean set: its checks are pure functions of the snapshot and events (unit-tested); the Podman event names they rely on are checked in podman-engine and containers (--all runs it)',
  'engine-connection.test.ts': 'lean set: socket, permission and reconnect logic that does not depend on the engine (--all runs it)',
  'browser-server.test.ts': 'browser-mode transport and its guards; no engine shape involved',
  'security-fuzz.test.ts': 'contract validation through both transports; no engine shape involved',
  'security-files.test.ts': 'path checks of saved files and build contexts; no engine shape involved',
  'security-credentials.test.ts': 'credentials through a registry login in browser mode; no engine shape involved',
  'cluster.test.ts': 'swarm mode: Podman has none',
  'cluster-worker.test.ts': 'swarm mode: Podman has none',
  'livestate-restart.test.ts': 'runs its own private dockerd to kill and restart',
  'livestate-tls.test.ts': 'runs its own private dockerd with TLS',
  'remote-ssh.test.ts': 'the ssh transport, through a private sshd to the suite\'s Docker engine; not in the lean Podman set',
  'stacks.test.ts': 'Compose projects started by the compose CLI; not in the lean Podman set (the compose labels Dockside reads are unit-tested)',
  'networks-lab.test.ts': 'needs the Caddy image that prepare builds on Docker (the Podman stage loads only the web image); Podman networks are covered by networks.test.ts',
  'practice-registry.test.ts': 'needs the registry image that prepare builds on Docker (the Podman stage loads only the web image)',
  'publish.test.ts': 'registry login, push and pull with a private docker-registry; not in the lean Podman set (a Podman build with STEP progress is in podman-engine.test.ts)',
  'workflows-pull.test.ts': 'pull progress from a throwaway registry; not in the lean Podman set (pull errors on Podman are in workflows.test.ts)',
  'disk.test.ts': 'disk usage and label-narrowed prunes; not in the lean Podman set',
  'files.test.ts': 'the file browser (archive endpoints); not in the lean Podman set',
};

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
  const all = args.includes('--all');
  const files = picked.length ? picked : all ? [...PODMAN_FILES, ...EXTRA_FILES] : PODMAN_FILES;
  if (!picked.length) {
    for (const f of fs.readdirSync('test/integration').filter((n) => n.endsWith('.test.ts')).sort()) {
      if (files.some((x) => path.basename(x) === f)) continue;
      console.log(`test:podman: not run: ${f}: ${NOT_ON_PODMAN[f] ?? 'new file, not in the Podman set yet (add it to PODMAN_FILES or NOT_ON_PODMAN in test/run-podman.ts)'}`);
    }
  }
  const podman = await startPodman();
  let status = 1;
  try {
    loadIntoPodman(podman, process.env.DOCKER_HOST, [WEB_IMAGE]);
    console.log(`test:podman: private engine on ${podman.url} (own network namespace) ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    const vitest = path.resolve('node_modules', '.bin', 'vitest');
    const r = spawnSync(
      'nsenter',
      [`--net=/proc/${podman.pid}/ns/net`, vitest, 'run', '--project', 'integration', '--project', 'integration-quiet', '--no-file-parallelism', '--reporter=default', ...(out ? ['--reporter=json', `--outputFile.json=${out}`] : []), ...files],
      { stdio: 'inherit', env: { ...process.env, DOCKER_HOST: podman.url, DOCKSIDE_TEST_ENGINE: 'podman', DOCKSIDE_PODMAN_LEAN: all ? '0' : '1', DOCKER_TLS_VERIFY: '', DOCKER_CERT_PATH: '', DOCKER_CONTEXT: '' } },
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
