/** Packs log lines into the compact LogBatch shape and back. Pure (renderer and tests use it). */
import type { LogBatch, LogLine } from '../contract';

export function packLines(lines: LogLine[], extra: { dropped: number; total: number; ended?: boolean }): LogBatch {
  const stderr: number[] = [];
  let ts: string[] | undefined;
  const texts = new Array<string>(lines.length);
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    texts[i] = l.text;
    if (l.stream === 2) stderr.push(i);
    if (l.ts !== undefined) (ts ??= new Array<string>(lines.length).fill(''))[i] = l.ts;
  }
  return { text: texts.join('\n'), count: lines.length, stderr, ...(ts ? { ts } : {}), ...extra };
}

export function unpackLines(b: LogBatch): LogLine[] {
  if (b.count === 0) return [];
  const texts = b.text.split('\n');
  const out = new Array<LogLine>(texts.length);
  let e = 0;
  for (let i = 0; i < texts.length; i++) {
    const isErr = b.stderr[e] === i;
    if (isErr) e++;
    const ts = b.ts?.[i];
    out[i] = ts ? { stream: isErr ? 2 : 1, text: texts[i]!, ts } : { stream: isErr ? 2 : 1, text: texts[i]! };
  }
  return out;
}
