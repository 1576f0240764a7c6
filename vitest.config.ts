import { defineConfig } from 'vitest/config';

/**
 * Integration files that need the engine to themselves: latency and CPU figures (livestate-lists,
 * debug, log-window, remote-ssh), lesson ticks from engine events (lessons), a swarm (cluster*),
 * engine-wide prune previews and build cache (disk), and an event count (networks-lab). They run
 * after the others, one file at a time.
 */
const QUIET = ['livestate-lists', 'debug', 'log-window', 'remote-ssh', 'lessons', 'cluster', 'cluster-worker', 'disk', 'networks-lab'].map(
  (name) => `test/integration/${name}.test.ts`,
);

// Assertions about Podman itself run only in the Podman stage (test/run-podman.ts).
const podmanOnly: string[] = process.env.DOCKSIDE_TEST_ENGINE === 'podman' ? [] : ['test/integration/podman-*.test.ts'];
const integration = {
  environment: 'node',
  testTimeout: 60_000,
  hookTimeout: 120_000,
  globalSetup: ['test/integration/global-setup.ts'],
};

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          environment: 'node',
        },
        resolve: {
          // Electron never runs here: unit tests of the Electron glue get a recording mock.
          alias: { electron: new URL('./test/mocks/electron.ts', import.meta.url).pathname },
        },
      },
      {
        test: {
          ...integration,
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          exclude: [...podmanOnly, ...QUIET],
          // Two files at a time on the one engine: each worker labels under its own run id
          // (test/support/labels.ts) and a file finds its objects by name or label, never by
          // counting the whole engine.
          maxWorkers: 2,
          sequence: { groupOrder: 1 },
        },
      },
      {
        test: {
          ...integration,
          name: 'integration-quiet',
          include: QUIET,
          exclude: podmanOnly,
          fileParallelism: false,
          sequence: { groupOrder: 2 },
        },
      },
    ],
  },
});
