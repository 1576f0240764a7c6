/**
 * Follows a container's log: demultiplexed here, batched, and bounded. Main reads the engine
 * stream at full speed into a bounded queue (main/debug/log-queue.ts); lines that overflow it are
 * dropped and counted, and the next batch carries that count so the view marks the gap in place.
 *
 * Two pacings. Paced by the view (the Logs tab, `paced: true`): each batch carries a flow id and
 * a sequence number, at most IN_FLIGHT batches wait for the view's `logs:ack`, and the next one
 * goes out as soon as the view acknowledges, so the view gets lines as fast as it shows them
 * (measured: a fixed 5,000 lines per 100 ms capped a whole-log read at 50k lines/s, half of
 * `docker logs`) and nothing piles up when it cannot (a hidden window stops acknowledging).
 * Paced by a timer (a stack's combined log): every `batchMs`, at most `maxLinesPerBatch` lines.
 * The full log stays in the engine either way ("save" writes it to a file).
 */
import type Docker from 'dockerode';
import type { Readable } from 'node:stream';
import { randomUUID } from 'node:crypto';
import type { LogBatch, LogLine } from '../contract';
import { packLines } from './log-batch';
import { LogDemuxer } from './log-demux';
import { LogQueue } from './log-queue';
import { rawGetStream } from './raw-stream';

/** Paced streams: lines and characters per batch (the view keeps 10,000 rows; more only count as older). */
export const PACED_BATCH = { lines: 20_000, chars: 2 * 1024 * 1024 };
/** Paced streams: lines waiting for the view at most (then the oldest are dropped, counted). */
export const PACED_QUEUE = { lines: 100_000, chars: 8 * 1024 * 1024 };
/** Batches sent and not yet acknowledged, at most: one being shown, one on its way. */
export const IN_FLIGHT = 2;
/** A view that has not acknowledged for this long still gets a batch this often (a lost ack never stalls a stream). */
export const STALL_MS = 1000;

/** Open paced streams by flow id: `logs:ack` reaches them here. */
const flows = new Map<string, (seq: number) => void>();

/** The view showed batches up to `seq` of `flow`; false when no such stream is open. */
export function ackLogFlow(flow: string, seq: number): boolean {
  const ack = flows.get(flow);
  if (!ack) return false;
  ack(seq);
  return true;
}

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
  /**
   * Lines sent or counted as dropped over every stream. A stream closed with lines still queued
   * (the engine went away) leaves total - through lines unsent: the next stream reports them as dropped.
   */
  through?: number;
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
  /** Paced by the view's acknowledgements (see the file comment); otherwise by `batchMs`. */
  paced?: boolean;
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
  const paced = o.paced === true;
  const queue = new LogQueue(paced ? PACED_QUEUE : { lines: o.maxLinesPerBatch ?? 5000, chars: PACED_QUEUE.chars });
  let total = cursor?.total ?? 0;
  let through = cursor?.through ?? 0;
  // Lines a previous stream of this subscription received and never sent: a gap before our first.
  let lostBefore = cursor ? Math.max(0, cursor.total - through) : 0;
  let closed = false;
  let ended = false;
  // Resuming: everything after the last line seen, and nothing before it.
  let resumeFrom = cursor && cursor.key ? { key: cursor.key, skip: cursor.atKey } : null;

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
      // Resuming: skip the lines the previous stream already had (only the first ones of the new stream).
      if (resumeFrom) {
        let from = 0;
        while (from < lines.length) {
          const ts = lines[from]!.ts;
          const key = ts ? timestampKey(ts) : '';
          if (key && key < resumeFrom.key) from++;
          else if (key && key === resumeFrom.key && resumeFrom.skip > 0) {
            resumeFrom.skip--;
            from++;
          } else {
            if (key > resumeFrom.key) resumeFrom = null;
            break;
          }
        }
        if (from > 0) lines = lines.slice(from);
      }
      // The cursor needs only the end of each read: the last timestamp and how many lines in a
      // row end with it (one key per read instead of one per line).
      let i = lines.length - 1;
      while (i >= 0 && !lines[i]!.ts) i--;
      if (i >= 0) {
        const lastTs = lines[i]!.ts!;
        let same = 1;
        let j = i - 1;
        for (; j >= 0; j--) {
          const ts = lines[j]!.ts;
          if (!ts) continue;
          if (ts !== lastTs) break;
          same++;
        }
        const key = timestampKey(lastTs);
        if (j < 0 && key === cursor.key) cursor.atKey += same;
        else {
          cursor.key = key;
          cursor.atKey = same;
        }
      }
    }
    total += lines.length;
    if (cursor) cursor.total = total;
    queue.push(lines);
  };

  // Paced: batch n goes out while fewer than IN_FLIGHT wait for their ack (or the view has been
  // silent for STALL_MS); several reads of one tick go out together.
  const flow = paced ? randomUUID() : undefined;
  let seq = 0;
  let acked = 0;
  let lastProgress = Date.now();
  let sentEnd = false;
  let pumpQueued = false;
  const send = (maxLines: number, maxChars: number) => {
    const taken = queue.take(maxLines, maxChars);
    const lines = taken.lines;
    const dropped = taken.dropped + lostBefore;
    const last = ended && queue.length === 0;
    if (lines.length === 0 && dropped === 0 && !last) return;
    lostBefore = 0;
    through += dropped + lines.length;
    if (cursor) cursor.through = through;
    if (last) sentEnd = true;
    seq++;
    lastProgress = Date.now();
    // Timestamps asked only for the cursor are not sent.
    emit(packLines(lines, { dropped, total, through, ...(last ? { ended: true } : {}), ...(flow ? { flow, seq } : {}) }, o.timestamps));
    if (last) stop();
  };
  const pump = () => {
    pumpQueued = false;
    if (closed || sentEnd) return;
    // lostBefore too: a re-opened stream with no new lines must still mark what the last one lost.
    while (!sentEnd && (queue.length > 0 || queue.dropped > 0 || lostBefore > 0 || ended)) {
      const stalled = Date.now() - lastProgress >= STALL_MS;
      if (seq - acked >= IN_FLIGHT && !stalled) return;
      send(PACED_BATCH.lines, PACED_BATCH.chars);
    }
  };
  const schedulePump = () => {
    if (pumpQueued || closed) return;
    pumpQueued = true;
    setImmediate(pump);
  };
  if (flow) {
    flows.set(flow, (n) => {
      if (n <= acked) return;
      acked = Math.min(n, seq);
      lastProgress = Date.now();
      schedulePump();
    });
  }
  const flushByTimer = () => {
    if (queue.length === 0 && queue.dropped === 0 && lostBefore === 0 && !ended) return;
    send(Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER);
  };
  const timer = setInterval(paced ? pump : flushByTimer, paced ? STALL_MS / 4 : (o.batchMs ?? 100));
  function stop() {
    clearInterval(timer);
    if (flow) flows.delete(flow);
  }

  stream.on('data', (chunk: Buffer) => {
    take(demux.push(chunk));
    if (paced) schedulePump();
  });
  stream.on('error', (err) => {
    if (!closed) fail(err);
  });
  stream.on('end', () => {
    take(demux.flush());
    ended = true;
    if (paced) schedulePump();
  });

  return () => {
    closed = true;
    stop();
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
