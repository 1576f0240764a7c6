/**
 * Every container, image, volume and network a test creates carries `dockside.test=<run id>`,
 * and cleanup removes only what carries this run's id: a developer's own objects (and a
 * parallel run's) are never touched. Fixture images carry `dockside.test.fixture=1` instead and
 * are kept between runs as a cache; they are ours, never the developer's.
 */
import { randomBytes } from 'node:crypto';

export const TEST_LABEL = 'dockside.test';
export const FIXTURE_LABEL = 'dockside.test.fixture';

// One id per test process tree: vitest workers and playwright inherit it from the parent.
process.env.DOCKSIDE_TEST_RUN ??= `run-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`;
/** The whole run's id: every object of the run carries it, or `<RUN_BASE>-w<N>` (below). */
export const RUN_BASE: string = process.env.DOCKSIDE_TEST_RUN.replace(/-w\d+$/, '');

// Parallel workers (Playwright's, vitest's) share one engine, and test files remove their run's
// objects in afterAll: each worker gets an id of its own under the run's, so one worker never
// removes what another is still using. The run's teardown removes every id under RUN_BASE
// (cleanupRun's `everyWorker`). Set once per worker process; its children inherit it unchanged.
const worker = process.env.TEST_PARALLEL_INDEX ?? process.env.VITEST_POOL_ID;
if (worker !== undefined && process.env.DOCKSIDE_TEST_WORKER !== worker) {
  process.env.DOCKSIDE_TEST_RUN = `${RUN_BASE}-w${worker}`;
  process.env.DOCKSIDE_TEST_WORKER = worker;
}
export const RUN_ID: string = process.env.DOCKSIDE_TEST_RUN;

/** Whether a `dockside.test` label value belongs to this run (any of its workers). */
export function ofThisRun(value: string | undefined): boolean {
  return value === RUN_BASE || (value?.startsWith(`${RUN_BASE}-w`) ?? false);
}

export function testLabels(extra: Record<string, string> = {}): Record<string, string> {
  return { [TEST_LABEL]: RUN_ID, ...extra };
}

/** `--label` flags for docker CLI commands run by tests. */
export function labelArgs(): string[] {
  return ['--label', `${TEST_LABEL}=${RUN_ID}`];
}

/** A unique, recognisable name for something a test creates. */
export function testName(what: string): string {
  return `dockside-test-${what}-${randomBytes(3).toString('hex')}`;
}
