/**
 * A bounded, ordered memory of engine events for the checks that depend on what happened rather
 * than on what exists now (stop vs kill, a volume that outlived its container, an exec). Filled
 * from `docker events --since` when the tracker starts and from the live event stream after.
 */
import { toEngineEvent, type RawEngineEvent } from '../engine/engine-event';
import type Docker from 'dockerode';
import { LineSplitter } from '../engine/line-splitter';
import type { SnapshotEvent } from './snapshot';

/** Noise that no check reads (exec_die is kept: it carries the exit code of an exec) and that would push useful events out of the bounded buffer. */
const NOISE = /^(exec_create|exec_resize|attach|detach|resize|health_status|archive-path|extract-to-dir|copy|export|commit)/;

export function isUseful(e: SnapshotEvent): boolean {
  return ['container', 'image', 'volume', 'network', 'service'].includes(e.type) && !NOISE.test(e.action);
}

export class EventHistory {
  private events: SnapshotEvent[] = [];
  private readonly keys = new Set<string>();

  constructor(private readonly max = 3000) {}

  add(e: SnapshotEvent): boolean {
    if (!isUseful(e)) return false;
    const key = `${e.timeNano}|${e.type}|${e.action}|${e.id}|${e.attributes.container ?? ''}`;
    if (this.keys.has(key)) return false;
    this.keys.add(key);
    const last = this.events.at(-1);
    this.events.push(e);
    // Live events arrive in order; history replayed after live ones may not, so keep it sorted.
    if (last && last.timeNano > e.timeNano) this.events.sort((a, b) => a.timeNano - b.timeNano);
    while (this.events.length > this.max) {
      const old = this.events.shift()!;
      this.keys.delete(`${old.timeNano}|${old.type}|${old.action}|${old.id}|${old.attributes.container ?? ''}`);
    }
    return true;
  }

  clear(): void {
    this.events = [];
    this.keys.clear();
  }

  list(): SnapshotEvent[] {
    return [...this.events];
  }

  /** Unix seconds of the newest event held, or undefined when empty. */
  newestSeconds(): number | undefined {
    const last = this.events.at(-1);
    return last ? Math.floor(last.timeNano / 1e9) : undefined;
  }
}

/**
 * Reads the engine's past events between `sinceSeconds` and now (a finite stream: `until` makes
 * the engine close it). The engine itself keeps only a limited backlog, so this is best effort.
 */
export async function readPastEvents(docker: Docker, sinceSeconds: number, signal?: AbortSignal): Promise<SnapshotEvent[]> {
  const until = Math.floor(Date.now() / 1000) + 1;
  const stream = (await docker.getEvents({ since: sinceSeconds, until, ...(signal ? { abortSignal: signal } : {}) } as Docker.GetEventsOptions)) as NodeJS.ReadableStream & { destroy(): void };
  return new Promise<SnapshotEvent[]>((resolve, reject) => {
    const out: SnapshotEvent[] = [];
    const lines = new LineSplitter();
    const take = (line: string) => {
      try {
        out.push(toEngineEvent(JSON.parse(line) as RawEngineEvent));
      } catch {
        // A malformed line is skipped; the rest of the history is still useful.
      }
    };
    const timer = setTimeout(() => {
      stream.destroy();
      resolve(out);
    }, 10_000);
    stream.on('data', (chunk: Buffer) => lines.push(chunk).forEach(take));
    stream.on('end', () => {
      clearTimeout(timer);
      lines.flush().forEach(take);
      resolve(out);
    });
    stream.on('error', (err: Error) => {
      clearTimeout(timer);
      stream.destroy();
      if (signal?.aborted) resolve(out);
      else reject(err);
    });
  });
}
