/** Removes whatever this run labelled, even when a test failed half-way. */
import { cleanupRun } from '../support/engine';
import { RUN_ID } from '../support/labels';

export async function setup(): Promise<void> {
  process.env.DOCKSIDE_TEST_RUN = RUN_ID;
}

export async function teardown(): Promise<void> {
  // Each worker labelled under its own id (labels.ts): remove what any of them left.
  await cleanupRun(undefined, { everyWorker: true });
}
