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

/**
 * True (after printing why) when the lean Podman stage (`npm test`, `npm run test:podman`)
 * leaves this test out: it checks Dockside's own logic, which does not depend on the engine's API
 * shapes or events, and the Docker run covers it. `npm run test:podman -- --all` runs it too.
 */
export function leftOutOfLeanPodman(why: string): boolean {
  if (TEST_ENGINE !== 'podman' || process.env.DOCKSIDE_PODMAN_LEAN !== '1') return false;
  console.log(`left out of the lean Podman stage (npm run test:podman -- --all runs it): ${why}`);
  return true;
}
