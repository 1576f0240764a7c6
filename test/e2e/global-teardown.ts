import { cleanupRun } from '../support/engine';

/** Runs in Playwright's runner process once all workers ended: removes what any worker left. */
export default async function globalTeardown(): Promise<void> {
  await cleanupRun(undefined, { everyWorker: true });
}
