/**
 * Which engine the integration tests run against: `npm run test:podman` sets
 * DOCKSIDE_TEST_ENGINE=podman. A test that needs what that engine lacks skips and says why.
 */
export const TEST_ENGINE = process.env.DOCKSIDE_TEST_ENGINE ?? 'docker';

/** True (after printing the reason) when the engine under test is Podman. */
export function skipOnPodman(why: string): boolean {
  if (TEST_ENGINE !== 'podman') return false;
  console.log(`skipped on Podman: ${why}`);
  return true;
}
