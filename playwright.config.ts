import { defineConfig } from '@playwright/test';

/**
 * Specs that need the engine to themselves: they count the app's engine requests (perf-budgets),
 * expect a lesson task to tick from their own action and no one else's (learner-progress,
 * lessons, practice-registry: another worker's push would tick "pushed" first), turn
 * the engine into a swarm manager (cluster), or keep a core busy for their own measurement
 * (debug: `yes` in a container, a 200,000-line log). They run after the others, one at a time.
 */
const QUIET = ['perf-budgets', 'learner-progress', 'lessons', 'practice-registry', 'cluster', 'debug'].map((name) => `**/${name}.spec.ts`);

export default defineConfig({
  testDir: 'test/e2e',
  // Every other spec shares the engine with one other worker: each worker has its own app server,
  // browser and test run id (test/support/labels.ts), and a spec finds its own objects by name or
  // label, never by counting everything on the engine. Files, not tests, are spread over workers.
  workers: 2,
  fullyParallel: false,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  globalTeardown: './test/e2e/global-teardown.ts',
  use: {
    // A click that cannot happen (a disabled or covered element) fails on its own after 30 s and
    // names its locator and what was in the way; without it, it waits out the whole test, and the
    // report says only "Test timeout exceeded".
    actionTimeout: 30_000,
    navigationTimeout: 30_000,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects: [
    // Each project keeps its failure artifacts in its own folder: Playwright empties a run's
    // output folders when it starts, and `npm test` runs the two projects one after the other
    // (with the Podman stage's log in test-results/ beside them).
    { name: 'shared', testIgnore: QUIET, outputDir: 'test-results/e2e-shared' },
    // `npm test` runs this project on its own (`--no-deps`), so a failure above never skips it.
    { name: 'quiet', testMatch: QUIET, workers: 1, dependencies: ['shared'], outputDir: 'test-results/e2e-quiet' },
  ],
});
