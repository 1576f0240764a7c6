/**
 * Which connection failures Dockside retries by itself. A host key to trust or check, or a login
 * the server refused, comes out the same on every attempt: retrying would only hammer the server
 * (and may lock the account), so those wait for the user. Shared by the engine manager and the
 * disconnected view, so what the view promises is what the manager does.
 */
import type { EngineStatus } from '../contract';

type UnreachableReason = Extract<EngineStatus, { state: 'unreachable' }>['reason'];

const WAITS_FOR_USER: ReadonlySet<UnreachableReason> = new Set<UnreachableReason>(['host-key-unknown', 'host-key-changed', 'auth']);

export function retriesByItself(reason: UnreachableReason): boolean {
  return !WAITS_FOR_USER.has(reason);
}
