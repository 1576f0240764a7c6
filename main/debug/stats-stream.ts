/**
 * Live stats for a set of containers: one engine stream per id (the engine has no multi-container
 * stats endpoint), values computed here with the CLI's formulas, and ONE batch sent per interval
 * for all of them, so the renderer gets about one message a second instead of one per container.
 * The returned close function destroys every stream it opened.
 */
import type Docker from 'dockerode';
import type { Readable } from 'node:stream';
import type { StatsBatch, StatsSampleEvent, StatsValues } from '../contract';
import { engineMessage } from '../engine/errors';
import { LineSplitter } from '../engine/line-splitter';
import { computeStats, type RawStats } from './stats-formulas';

export interface StatsWatchOptions {
  /** Host memory in bytes, to tell "no limit" from a real one. */
  hostMemory: number;
  intervalMs?: number;
}

export function watchStats(docker: Docker, ids: string[], emit: (b: StatsBatch) => void, opts: StatsWatchOptions): () => void {
  let closed = false;
  const streams = new Set<Readable>();
  const latest = new Map<string, StatsSampleEvent>();
  const prev = new Map<string, StatsValues>();
  let ended: string[] = [];
  let errors: { id: string; message: string }[] = [];

  for (const id of new Set(ids)) {
    const splitter = new LineSplitter();
    const onLine = (line: string) => {
      let raw: RawStats;
      try {
        raw = JSON.parse(line) as RawStats;
      } catch {
        return; // a damaged document: skip it, the next one comes within a second
      }
      const values = computeStats(raw, prev.get(id) ?? null, opts.hostMemory);
      prev.set(id, values);
      latest.set(id, { id, name: (raw.name ?? id).replace(/^\//, ''), ...values });
    };
    // dockerode's types say stats() resolves to an object; without `stream: false` it is a stream.
    (docker.getContainer(id).stats({ stream: true }) as unknown as Promise<Readable>).then(
      (stream) => {
        if (closed) {
          stream.destroy();
          return;
        }
        streams.add(stream);
        stream.on('data', (chunk: Buffer) => splitter.push(chunk).forEach(onLine));
        stream.on('error', (err) => {
          if (!closed) errors.push({ id, message: engineMessage(err) });
        });
        stream.on('close', () => {
          streams.delete(stream);
          if (!closed) ended.push(id);
        });
      },
      (err: unknown) => {
        if (!closed) errors.push({ id, message: engineMessage(err) });
      },
    );
  }

  const timer = setInterval(() => {
    if (latest.size === 0 && ended.length === 0 && errors.length === 0) return;
    const batch: StatsBatch = { samples: [...latest.values()], ended, errors };
    latest.clear();
    ended = [];
    errors = [];
    emit(batch);
  }, opts.intervalMs ?? 1000);

  return () => {
    closed = true;
    clearInterval(timer);
    for (const s of streams) s.destroy();
    streams.clear();
  };
}
