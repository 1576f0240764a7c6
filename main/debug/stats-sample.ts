/**
 * One container's stats sampled every `intervalMs` with one-shot requests
 * (`GET /containers/{id}/stats?stream=false&one-shot=true`, API 1.41+) instead of a 1 Hz stream:
 * the engine collects a container only while a request or stream waits on it, so sampling every
 * 2 s or 5 s costs it about a half or a fifth of streaming. CPU % comes from two consecutive
 * samples with the CLI's formula (see withPreviousCpu). One request at a time, aligned on the
 * wall clock so every container's request lands on the same engine collector tick; the returned
 * close function aborts the request in flight.
 */
import type Docker from 'dockerode';
import type { StatsBatch, StatsValues } from '../contract';
import { engineMessage } from '../engine/errors';
import { computeStats, isEmptySample, withPreviousCpu, type RawStats } from './stats-formulas';

export interface StatsSampleOptions {
  /** Host memory in bytes, to tell "no limit" from a real one. */
  hostMemory: number;
  intervalMs: number;
}

export function sampleStats(docker: Docker, id: string, emit: (b: StatsBatch) => void, opts: StatsSampleOptions): () => void {
  let closed = false;
  let timer: NodeJS.Timeout | null = null;
  let inFlight: AbortController | null = null;
  let previousRaw: RawStats | null = null;
  let previous: StatsValues | null = null;

  const schedule = () => {
    if (closed) return;
    timer = setTimeout(tick, opts.intervalMs - (Date.now() % opts.intervalMs));
  };
  const tick = async () => {
    timer = null;
    inFlight = new AbortController();
    try {
      // With `stream: false` dockerode returns the parsed document (its types say so too).
      const raw = (await docker.getContainer(id).stats({ stream: false, 'one-shot': true, abortSignal: inFlight.signal } as never)) as unknown as RawStats;
      if (closed) return;
      if (isEmptySample(raw)) {
        // Not running (any more): say so once per sample, and start CPU % afresh if it comes back.
        previousRaw = null;
        previous = null;
        emit({ samples: [], ended: [id], errors: [] });
      } else {
        const values = computeStats(withPreviousCpu(raw, previousRaw), previous, opts.hostMemory);
        previousRaw = raw;
        previous = values;
        emit({ samples: [{ id, name: (raw.name ?? id).replace(/^\//, ''), ...values }], ended: [], errors: [] });
      }
    } catch (err) {
      if (closed) return;
      emit({ samples: [], ended: [], errors: [{ id, message: engineMessage(err) }] });
    } finally {
      inFlight = null;
    }
    schedule();
  };
  void tick();

  return () => {
    closed = true;
    if (timer) clearTimeout(timer);
    inFlight?.abort();
  };
}
