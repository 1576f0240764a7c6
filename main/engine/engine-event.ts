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

export function toEngineEvent(raw: RawEngineEvent): EngineEvent {
  return {
    type: raw.Type ?? 'container',
    action: raw.Action ?? raw.status ?? '',
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
