import { cleanupRun } from '../support/engine';

export default async function globalTeardown(): Promise<void> {
  await cleanupRun();
}
