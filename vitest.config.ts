import { defineConfig } from 'vitest/config';

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
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          // Assertions about Podman itself run only in the Podman stage (test/run-podman.ts).
          exclude: process.env.DOCKSIDE_TEST_ENGINE === 'podman' ? [] : ['test/integration/podman-*.test.ts'],
          environment: 'node',
          // One engine for the whole suite: files run one after another.
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 120_000,
          globalSetup: ['test/integration/global-setup.ts'],
        },
      },
    ],
  },
});
