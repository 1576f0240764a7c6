/**
 * One container's stats sampled every `intervalMs` with one-shot requests
 * (`GET /containers/{id}/stats?stream=false&one-shot=true`, API 1.41+) instead of a 1 Hz stream:
 * the engine collects a container only while a request or stream waits on it, so sampling every
 * 2 s or 5 s costs it about a half or a fifth of streaming. CPU % comes from two consecutive
 * samples with the CLI's formula (see withPreviousCpu). One request at a time, aligned on the
 * wall clock so every container's request lands on the same engine collector tick (engine 20.10
 * answers a one-shot request at its next 1 s collector tick, not at once); the returned close
 * function aborts the request in flight. The answers of one tick are emitted together (see
 * tick-gather.ts), so the samplers of all the rows cost the page one message per tick.
 */
import type Docker from 'dockerode';
import type { StatsBatch, StatsValues } from '../contract';
import { engineGetJson } from '../engine/engine-get-json';
import { encodePathRef } from '../engine/docker-client';
import { engineMessage } from '../engine/errors';
import { computeStats, isEmptySample, withPreviousCpu, type RawStats } from './stats-formulas';
import { TickGather } from './tick-gather';

/** One gatherer per engine client: the ticks of one engine's samplers, whatever page they serve. */
const gathers = new WeakMap<object, TickGather>();

/** Where samples come from: one one-shot answer for a container (tests pass recorded ones). */
export interface OneShotSource {
  /** Gatherers are kept per key: one per engine client. */
  key: object;
  sample(id: string, signal: AbortSignal): Promise<RawStats>;
}

/** dockerode's words for the stats call's statuses (its container.stats status map). */
const STATS_REASONS = { 404: 'no such container', 500: 'server error' };

/** The engine's one-shot sample, on the lean request path (engine-get-json.ts: this is the hot one). */
export function engineOneShot(docker: Docker): OneShotSource {
  return {
    key: docker,
    sample: (id, signal) => engineGetJson<RawStats>(docker, `/containers/${encodePathRef(id)}/stats?stream=false&one-shot=true`, signal, STATS_REASONS),
  };
}
/**
 * How long, from a tick's start, its answers wait for the slowest of the tick: engine 20.10
 * answers at its collector's next round, up to a second later, then container by container
 * (about 5 ms each; see tick-gather.ts for what was recorded).
 */
const GATHER_WAIT_MS = 1500;

export interface StatsSampleOptions {
  /** Host memory in bytes, to tell "no limit" from a real one. */
  hostMemory: number;
  intervalMs: number;
}

export function sampleStats(source: OneShotSource, id: string, emit: (b: StatsBatch) => void, opts: StatsSampleOptions): () => void {
  let closed = false;
  let timer: NodeJS.Timeout | null = null;
  let inFlight: AbortController | null = null;
  let previousRaw: RawStats | null = null;
  let previous: StatsValues | null = null;

  let gather = gathers.get(source.key);
  if (!gather) gathers.set(source.key, (gather = new TickGather(GATHER_WAIT_MS)));
  const ticks = gather;

  const schedule = () => {
    if (closed) return;
    const delay = opts.intervalMs - (Date.now() % opts.intervalMs);
    // The tick this timer stands for, whichever millisecond it fires in.
    const at = Math.round((Date.now() + delay) / opts.intervalMs) * opts.intervalMs;
    timer = setTimeout(() => void tick(`${opts.intervalMs}:${at}`), delay);
  };
  /** `key`: the clock tick (null: the first sample, taken at once and sent on its own). */
  const tick = async (key: string | null) => {
    timer = null;
    inFlight = new AbortController();
    let out: StatsBatch | null = null;
    if (key) ticks.enter(key);
    try {
      const raw = await source.sample(id, inFlight.signal);
      if (closed) {
        // Closed meanwhile: nothing to send, but the tick must not wait for this one.
      } else if (isEmptySample(raw)) {
        // Not running (any more): say so once per sample, and start CPU % afresh if it comes back.
        previousRaw = null;
        previous = null;
        out = { samples: [], ended: [id], errors: [] };
      } else {
        const values = computeStats(withPreviousCpu(raw, previousRaw), previous, opts.hostMemory);
        previousRaw = raw;
        previous = values;
        out = { samples: [{ id, name: (raw.name ?? id).replace(/^\//, ''), ...values }], ended: [], errors: [] };
      }
    } catch (err) {
      if (!closed) out = { samples: [], ended: [], errors: [{ id, message: engineMessage(err) }] };
    } finally {
      inFlight = null;
    }
    const batch = out;
    const release = batch ? () => void (!closed && emit(batch)) : null;
    if (key) ticks.leave(key, release);
    else release?.();
    schedule();
  };
  void tick(null);

  return () => {
    closed = true;
    if (timer) clearTimeout(timer);
    inFlight?.abort();
  };
}
