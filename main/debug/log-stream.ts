/**
 * Follows a container's log: demultiplexed here, batched every `batchMs`, and bounded. Main reads
 * the engine stream at full speed into a ring holding at most `maxLinesPerBatch` lines; each
 * flush sends what the ring holds and counts what was overwritten as dropped. So a container
 * printing a million lines a second costs the renderer at most one bounded batch per interval
 * (the full log stays in the engine; "save" writes it to a file).
 */
import type Docker from 'dockerode';
import type { Readable } from 'node:stream';
import type { LogBatch, LogLine } from '../contract';
import { packLines } from './log-batch';
import { LogDemuxer } from './log-demux';
import { rawGetStream } from './raw-stream';
import { RingBuffer } from './ring-buffer';

/**
 * Where a followed log stopped, so a re-opened stream continues there: the engine timestamp of
 * the last line (as a sortable key: nanoseconds padded to 9 digits) and how many lines carried
 * exactly that timestamp (the engine's `since` includes it, so those are skipped once).
 */
export interface LogCursor {
  key: string;
  atKey: number;
  /** Lines received over every stream of the subscription. */
  total: number;
}

/** "2026-11-28T17:26:38.3226714Z" -> "2026-11-28T17:26:38.322671400Z": compares as a string. */
export function timestampKey(ts: string): string {
  const m = /^(.*?)(?:\.(\d+))?Z$/.exec(ts);
  if (!m) return ts;
  return `${m[1]}.${(m[2] ?? '').padEnd(9, '0').slice(0, 9)}Z`;
}

/** A cursor key as the engine's `since` ("seconds.nanoseconds"). */
export function sinceFromKey(key: string): string {
  const m = /^(.*?)\.(\d{9})Z$/.exec(key);
  if (!m) return String(Math.floor(Date.parse(key) / 1000));
  return `${Math.floor(Date.parse(`${m[1]}Z`) / 1000)}.${m[2]}`;
}

export interface FollowLogsOptions {
  id: string;
  tail: number | 'all';
  since?: number;
  timestamps: boolean;
  follow: boolean;
  batchMs?: number;
  maxLinesPerBatch?: number;
  /**
   * Continue where a previous stream stopped (updated as lines arrive). The engine is then always
   * asked for timestamps (dropped again before sending when the caller did not want them).
   */
  cursor?: LogCursor;
}

export async function followLogs(
  docker: Docker,
  o: FollowLogsOptions,
  emit: (b: LogBatch) => void,
  fail: (err: unknown) => void,
): Promise<() => void> {
  const container = docker.getContainer(o.id);
  const info = await container.inspect();
  const cursor = o.cursor;
  const askTimestamps = o.timestamps || cursor !== undefined;
  const demux = new LogDemuxer(info.Config.Tty, askTimestamps);
  const ring = new RingBuffer<LogLine>(o.maxLinesPerBatch ?? 5000);
  let total = cursor?.total ?? 0;
  let closed = false;
  let ended = false;
  // Resuming: everything after the last line seen, and nothing before it.
  const resumeFrom = cursor && cursor.key ? { key: cursor.key, skip: cursor.atKey } : null;

  const logOpts = {
    follow: o.follow,
    stdout: true,
    stderr: true,
    timestamps: askTimestamps,
    tail: resumeFrom ? 'all' : o.tail === 'all' ? 'all' : o.tail,
    ...(resumeFrom ? { since: sinceFromKey(resumeFrom.key) } : o.since !== undefined ? { since: o.since } : {}),
  };
  // Dialled as a stream even without follow (dockerode would buffer the whole log in memory);
  // the stream of a stopped container simply ends after its last line.
  const stream = await dialLogs(docker, info.Id, logOpts);

  const take = (incoming: LogLine[]) => {
    let lines = incoming;
    if (cursor) {
      lines = [];
      for (const line of incoming) {
        const key = line.ts ? timestampKey(line.ts) : '';
        if (resumeFrom && key) {
          if (key < resumeFrom.key) continue;
          if (key === resumeFrom.key && resumeFrom.skip > 0) {
            resumeFrom.skip--;
            continue;
          }
        }
        if (key) {
          if (key === cursor.key) cursor.atKey++;
          else {
            cursor.key = key;
            cursor.atKey = 1;
          }
        }
        lines.push(o.timestamps ? line : { stream: line.stream, text: line.text });
      }
    }
    total += lines.length;
    if (cursor) cursor.total = total;
    ring.pushMany(lines);
  };
  stream.on('data', (chunk: Buffer) => take(demux.push(chunk)));
  stream.on('error', (err) => {
    if (!closed) fail(err);
  });
  stream.on('end', () => {
    take(demux.flush());
    ended = true;
  });

  const flush = () => {
    if (ring.length === 0 && !ended) return;
    const lines = ring.toArray();
    const dropped = ring.evicted;
    ring.clear();
    ring.pushed = 0;
    emit(packLines(lines, { dropped, total, ...(ended ? { ended: true } : {}) }));
    if (ended) clearInterval(timer);
  };
  const timer = setInterval(flush, o.batchMs ?? 100);

  return () => {
    closed = true;
    clearInterval(timer);
    stream.destroy();
  };
}

/**
 * GET /containers/{id}/logs as a stream, also without follow (dockerode would buffer the whole
 * log). On a unix socket it is read raw (see raw-stream.ts); elsewhere through the modem.
 */
export function dialLogs(docker: Docker, id: string, options: Record<string, unknown>): Promise<Readable> {
  const modem = docker.modem as unknown as {
    socketPath?: string;
    dial: (opts: object, cb: (err: unknown, data: unknown) => void) => void;
  };
  if (typeof modem.socketPath === 'string' && modem.socketPath) {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(options)) if (v !== undefined) q.set(k, String(v));
    return rawGetStream(modem.socketPath, `/containers/${encodeURIComponent(id)}/logs?${q.toString()}`);
  }
  return new Promise((resolve, reject) => {
    modem.dial(
      {
        path: `/containers/${encodeURIComponent(id)}/logs?`,
        method: 'GET',
        isStream: true,
        statusCodes: { 200: true, 404: 'no such container', 500: 'server error' },
        options,
      },
      (err, data) => (err ? reject(err) : resolve(data as Readable)),
    );
  });
}
