/**
 * The line under "No engine to show" that says what happens next. Main retries on its own for
 * most failures, but not after an ssh host-key or login failure (engine-manager's NEEDS_USER):
 * retrying cannot fix those, so the note says what the user must do instead of "retries by itself".
 */
import type { EngineStatus } from '../../../main/contract';

type Reason = Extract<EngineStatus, { state: 'unreachable' }>['reason'];

export function disconnectedNote(reason: Reason): string {
  switch (reason) {
    case 'host-key-unknown':
      return 'Dockside does not retry this by itself: check the fingerprint, then answer the question about this host’s key at the top (Trust only if it matches).';
    case 'host-key-changed':
      return 'Dockside does not retry this by itself, and will not connect while the key does not match: sort the key out as said above, then connect again with Switch engine.';
    case 'auth':
      return 'Dockside does not retry this by itself (the same keys would be refused again): do what is said above, then connect again with Switch engine.';
    default:
      return 'Dockside retries by itself and will refresh this view as soon as the engine answers.';
  }
}
