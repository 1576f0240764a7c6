/**
 * Turns the engine's log byte stream into lines. Without a TTY the stream is multiplexed: each
 * frame has an 8-byte header (byte 0 = stream: 1 stdout, 2 stderr; bytes 4-7 = payload length,
 * uint32 big-endian), and both headers and payloads can be split across chunks. With a TTY the
 * bytes are raw (no headers, everything is stdout). Lines may also span frames, and a UTF-8
 * character may be split between chunks, so each stream keeps its own decoder and pending text.
 * Pure: no node imports (Uint8Array + TextDecoder), usable in tests with hand-made bytes.
 */
import type { LogLine } from '../contract';

/** A line longer than this without a newline is emitted as it is rather than held forever. */
const MAX_PENDING = 1024 * 1024;
// RFC 3339 timestamp the engine puts before each line when asked (`timestamps=true`).
const TS = /^\d{4}-\d\d-\d\dT[0-9:.]+(?:Z|[+-]\d\d:\d\d)$/;

class LineAssembler {
  private readonly decoder = new TextDecoder('utf-8');
  private pending = '';

  constructor(
    private readonly stream: 1 | 2,
    private readonly timestamps: boolean,
  ) {}

  push(bytes: Uint8Array, out: LogLine[]): void {
    const text = this.pending + this.decoder.decode(bytes, { stream: true });
    let from = 0;
    for (;;) {
      const nl = text.indexOf('\n', from);
      if (nl < 0) break;
      out.push(this.line(text.slice(from, text.charCodeAt(nl - 1) === 13 && nl > from ? nl - 1 : nl)));
      from = nl + 1;
    }
    this.pending = text.slice(from);
    if (this.pending.length > MAX_PENDING) {
      out.push(this.line(this.pending));
      this.pending = '';
    }
  }

  flush(out: LogLine[]): void {
    const rest = this.pending + this.decoder.decode();
    this.pending = '';
    if (rest.length > 0) out.push(this.line(rest));
  }

  private line(raw: string): LogLine {
    if (this.timestamps) {
      // Cheap test first (this runs once per line): "YYYY-MM-DDT..." then a space.
      const sp = raw.indexOf(' ');
      if (sp >= 20 && sp <= 40 && raw.charCodeAt(10) === 84 /* T */) {
        const ts = raw.slice(0, sp);
        if (TS.test(ts)) return { stream: this.stream, ts, text: raw.slice(sp + 1) };
      }
    }
    return { stream: this.stream, text: raw };
  }
}

export class LogDemuxer {
  private readonly header = new Uint8Array(8);
  private headerFill = 0;
  /** Payload bytes still expected for the current frame. */
  private remaining = 0;
  private current: 1 | 2 = 1;
  private readonly out: [LineAssembler, LineAssembler];

  constructor(
    private readonly tty: boolean,
    timestamps = false,
  ) {
    this.out = [new LineAssembler(1, timestamps), new LineAssembler(2, timestamps)];
  }

  /** Feeds one chunk; returns the lines it completed, in order. */
  push(chunk: Uint8Array): LogLine[] {
    const lines: LogLine[] = [];
    if (this.tty) {
      this.out[0].push(chunk, lines);
      return lines;
    }
    // The engine writes one frame per log line: payloads of the same stream are gathered and
    // decoded together (one decode per run instead of one per line; measured on 200k lines).
    const run: Uint8Array[] = [];
    let runStream: 1 | 2 = this.current;
    const flushRun = () => {
      if (run.length === 0) return;
      const bytes = run.length === 1 ? run[0]! : concat(run);
      run.length = 0;
      this.out[runStream === 2 ? 1 : 0].push(bytes, lines);
    };
    let i = 0;
    while (i < chunk.length) {
      if (this.remaining === 0) {
        // Collect a header, possibly across chunks.
        const take = Math.min(8 - this.headerFill, chunk.length - i);
        this.header.set(chunk.subarray(i, i + take), this.headerFill);
        this.headerFill += take;
        i += take;
        if (this.headerFill < 8) break;
        this.headerFill = 0;
        // Stream 0 is stdin (never in logs); treat anything but stderr as stdout.
        this.current = this.header[0] === 2 ? 2 : 1;
        this.remaining =
          ((this.header[4]! << 24) >>> 0) + (this.header[5]! << 16) + (this.header[6]! << 8) + this.header[7]!;
        continue;
      }
      const take = Math.min(this.remaining, chunk.length - i);
      if (run.length > 0 && runStream !== this.current) flushRun();
      runStream = this.current;
      run.push(chunk.subarray(i, i + take));
      this.remaining -= take;
      i += take;
    }
    flushRun();
    return lines;
  }

  /** Whatever partial lines are left when the stream ends. */
  flush(): LogLine[] {
    const lines: LogLine[] = [];
    this.out[0].flush(lines);
    this.out[1].flush(lines);
    return lines;
  }
}

function concat(parts: Uint8Array[]): Uint8Array {
  let n = 0;
  for (const p of parts) n += p.length;
  const out = new Uint8Array(n);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
