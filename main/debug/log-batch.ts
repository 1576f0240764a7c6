/** Packs log lines into the compact LogBatch shape and back. Pure (renderer and tests use it). */
import type { LogBatch, LogLine } from '../contract';

export function packLines(
  lines: LogLine[],
  extra: { dropped: number; total: number; through?: number; ended?: boolean; flow?: string; seq?: number },
  /** False: leave the lines' timestamps out (asked from the engine only to resume after a reconnect). */
  timestamps = true,
): LogBatch {
  const stderr: number[] = [];
  let ts: string[] | undefined;
  const texts = new Array<string>(lines.length);
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    texts[i] = l.text;
    if (l.stream === 2) stderr.push(i);
    if (timestamps && l.ts !== undefined) (ts ??= new Array<string>(lines.length).fill(''))[i] = l.ts;
  }
  return { text: texts.join('\n'), count: lines.length, stderr, ...(ts ? { ts } : {}), ...extra };
}

/**
 * The batch's lines from index `from` on (a view that keeps only the newest N lines skips the
 * rest without making an object for each).
 */
export function unpackLines(b: LogBatch, from = 0): LogLine[] {
  if (b.count === 0 || from >= b.count) return [];
  let texts: string[];
  if (from <= 0) texts = b.text.split('\n');
  else {
    // Start after the from-th newline: the skipped lines are never split out.
    let at = 0;
    for (let n = 0; n < from; n++) at = b.text.indexOf('\n', at) + 1;
    texts = b.text.slice(at).split('\n');
  }
  const start = Math.max(0, from);
  const out = new Array<LogLine>(texts.length);
  let e = 0;
  while (e < b.stderr.length && b.stderr[e]! < start) e++;
  for (let k = 0; k < texts.length; k++) {
    const i = start + k;
    const isErr = b.stderr[e] === i;
    if (isErr) e++;
    const ts = b.ts?.[i];
    out[k] = ts ? { stream: isErr ? 2 : 1, text: texts[k]!, ts } : { stream: isErr ? 2 : 1, text: texts[k]! };
  }
  return out;
}

/**
 * Lines skipped just before batch `b`, for a view that has accounted for `seen` lines so far
 * (shown or skipped): what main says it dropped, or more when a whole batch never arrived
 * (`through` says where this one ends in the log).
 */
export function skippedBefore(b: LogBatch, seen: number): number {
  return Math.max(b.dropped, b.through !== undefined ? b.through - b.count - seen : 0);
}
