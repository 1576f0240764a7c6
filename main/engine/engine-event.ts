/** The engine's event JSON (`/events`), as the contract's EngineEvent. Pure: used by the live stream and by history reads. */
import type { EngineEvent } from '../contract';

export interface RawEngineEvent {
  Type?: string;
  Action?: string;
  /** Older engines put the action here. */
  status?: string;
  id?: string;
  Actor?: { ID?: string; Attributes?: Record<string, string> };
  timeNano?: number;
  time?: number;
}

/**
 * Podman's Docker-compatible event stream names some actions its own way; they are renamed to
 * Docker's here, once, so lists, lesson checks and history accept both engines. Podman's
 * `exec` does not say which command ran: it becomes `exec_start: ` with no command.
 */
const PODMAN_ACTIONS: Record<string, Record<string, string>> = {
  container: { remove: 'destroy', exec: 'exec_start: ', exec_died: 'exec_die' },
  volume: { remove: 'destroy' },
};

export function toEngineEvent(raw: RawEngineEvent): EngineEvent {
  const type = raw.Type ?? 'container';
  const action = raw.Action ?? raw.status ?? '';
  return {
    type,
    action: PODMAN_ACTIONS[type]?.[action] ?? action,
    id: raw.Actor?.ID ?? raw.id ?? '',
    attributes: raw.Actor?.Attributes ?? {},
    timeNano: raw.timeNano ?? (raw.time ?? 0) * 1e9,
  };
}

/** Parses one line of the event stream; null for a line that is not JSON. */
export function parseEngineEvent(line: string): EngineEvent | null {
  try {
    return toEngineEvent(JSON.parse(line) as RawEngineEvent);
  } catch {
    return null;
  }
}
