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

/**
 * The name the engine gives a local image: Podman qualifies a short name loaded from a tar
 * with `localhost/` (`dockside-test/web:latest` is listed as `localhost/dockside-test/web:latest`).
 */
export function engineImageName(ref: string): string {
  return TEST_ENGINE === 'podman' && !/^[^/]+[.:][^/]*\//.test(ref) && !ref.startsWith('localhost/') ? `localhost/${ref}` : ref;
}
