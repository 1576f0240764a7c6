/**
 * The Logs tab's window: the newest lines of a followed log in a fixed-size ring, where every
 * run of lines that is not there is marked in place by a gap item saying how many lines it
 * hides. Main sends at most a bounded batch per interval and counts the lines it skipped
 * (`dropped`, always just before that batch's lines); without the markers two kept batches would
 * sit next to each other as if the log were contiguous (issue 16). Lines older than the window
 * are counted in `olderLines`, so kept + gaps + older = every line received. Pure: the renderer
 * uses it and tests check it against a real engine.
 */
import type { LogLine } from '../contract';
import { RingBuffer } from './ring-buffer';

export interface LogGap {
  /** Lines of the log that belong here but are not kept. */
  gap: number;
}

export type LogItem = LogLine | LogGap;

export const isGap = (item: LogItem): item is LogGap => 'gap' in item;

export class LogWindow {
  private readonly ring: RingBuffer<LogItem>;
  /** Lines before the first item held (scrolled out of the window, gaps included). */
  olderLines = 0;
  // Kept up as items come and go, so neither a render nor a batch walks the whole window
  // (measured: walking 10,000 items per batch and per render was a tenth of the page's script time).
  private keptLines = 0;
  private gapLines = 0;

  constructor(readonly capacity: number) {
    this.ring = new RingBuffer<LogItem>(capacity);
  }

  get length(): number {
    return this.ring.length;
  }

  at(i: number): LogItem | undefined {
    return this.ring.at(i);
  }

  /** Lines held (gap markers not counted). */
  get lines(): number {
    return this.keptLines;
  }

  /**
   * A batch as main sends it: `dropped` lines were skipped just before these. `before` more lines
   * of the batch came first (after the skipped ones) and were not unpacked, since a batch's
   * newest `capacity` lines push them out anyway: they count as older.
   */
  pushBatch(lines: readonly LogLine[], dropped: number, before = 0): void {
    if (dropped > 0) this.pushGap(dropped);
    // Only the last `capacity` items can stay: the rest go straight to `olderLines`.
    const skip = Math.max(0, lines.length - this.capacity);
    if (skip > 0 || before > 0) {
      this.olderLines += this.lineCount() + before + skip;
      this.clearItems();
    }
    for (let i = skip; i < lines.length; i++) this.push(lines[i]!);
  }

  /** Appends another window (lines that arrived while paused): what it lost becomes a gap here. */
  append(other: LogWindow): void {
    if (other.olderLines > 0) this.pushGap(other.olderLines);
    for (let i = 0; i < other.length; i++) {
      const item = other.at(i)!;
      if (isGap(item)) this.pushGap(item.gap);
      else this.push(item);
    }
  }

  clear(): void {
    this.clearItems();
    this.olderLines = 0;
  }

  private clearItems(): void {
    this.ring.clear();
    this.keptLines = 0;
    this.gapLines = 0;
  }

  private pushGap(n: number): void {
    const last = this.ring.last();
    // Two skipped runs next to each other are one gap.
    if (last && isGap(last)) {
      last.gap += n;
      this.gapLines += n;
    } else this.push({ gap: n });
  }

  private push(item: LogItem): void {
    if (this.ring.length === this.capacity) {
      const oldest = this.ring.at(0)!;
      if (isGap(oldest)) {
        this.olderLines += oldest.gap;
        this.gapLines -= oldest.gap;
      } else {
        this.olderLines++;
        this.keptLines--;
      }
    }
    this.ring.push(item);
    if (isGap(item)) this.gapLines += item.gap;
    else this.keptLines++;
  }

  /** Lines the held items stand for (kept lines plus gap counts). */
  private lineCount(): number {
    return this.keptLines + this.gapLines;
  }
}
