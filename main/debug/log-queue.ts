/**
 * Lines read from the engine and not yet sent to the view, bounded in lines and characters.
 * Main reads the engine at full speed (a followed log must stay current) while the view takes
 * batches at its own pace; when the view falls that far behind, the oldest waiting lines are
 * dropped and counted, and the next batch carries that count so the view marks the gap in place
 * (the dropped lines always sit between the last line sent and the first line of that batch).
 * Appending keeps the engine's arrays as they are (no copy per line). Pure: unit-tested.
 */
import type { LogLine } from '../contract';

export interface LogQueueLimits {
  /** Lines kept waiting at most; past it the oldest are dropped (counted). */
  lines: number;
  /** Characters of text kept waiting at most (a line itself can be up to 1 MiB). */
  chars: number;
}

export class LogQueue {
  private readonly chunks: LogLine[][] = [];
  /** Index of the first waiting line in chunks[0]. */
  private head = 0;
  private count = 0;
  private size = 0;
  /** Lines dropped since the last `take` (they belong just before the next batch). */
  private droppedSinceTake = 0;

  constructor(readonly limits: LogQueueLimits) {}

  get length(): number {
    return this.count;
  }

  get chars(): number {
    return this.size;
  }

  /** Lines dropped and not yet reported by a `take`. */
  get dropped(): number {
    return this.droppedSinceTake;
  }

  push(lines: LogLine[]): void {
    if (lines.length === 0) return;
    this.chunks.push(lines);
    this.count += lines.length;
    for (const l of lines) this.size += l.text.length;
    while (this.count > this.limits.lines || (this.size > this.limits.chars && this.count > 1)) this.dropOldest();
  }

  /**
   * The oldest waiting lines, at most `maxLines` and about `maxChars` (always at least one line
   * when any is waiting), with the number dropped just before them since the last take.
   */
  take(maxLines: number, maxChars: number): { lines: LogLine[]; dropped: number } {
    const out: LogLine[] = [];
    let chars = 0;
    while (this.count > 0 && out.length < maxLines) {
      const chunk = this.chunks[0]!;
      const line = chunk[this.head]!;
      if (out.length > 0 && chars + line.text.length > maxChars) break;
      out.push(line);
      chars += line.text.length;
      this.advance(chunk, line);
    }
    const dropped = this.droppedSinceTake;
    this.droppedSinceTake = 0;
    return { lines: out, dropped };
  }

  private dropOldest(): void {
    const chunk = this.chunks[0]!;
    const line = chunk[this.head]!;
    this.advance(chunk, line);
    this.droppedSinceTake++;
  }

  private advance(chunk: LogLine[], line: LogLine): void {
    this.count--;
    this.size -= line.text.length;
    this.head++;
    if (this.head === chunk.length) {
      this.chunks.shift();
      this.head = 0;
    }
  }
}
