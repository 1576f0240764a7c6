/**
 * Splits a byte stream into complete lines. Engine JSON streams (events, stats, pull progress)
 * can end a chunk in the middle of a document, so nothing is parsed until its newline arrives.
 * The pending tail is bounded so a stream that never sends a newline cannot grow memory forever.
 */
export class LineSplitter {
  private pending = '';
  constructor(private readonly maxPending = 4 * 1024 * 1024) {}

  push(chunk: Buffer | string): string[] {
    const text = this.pending + (typeof chunk === 'string' ? chunk : chunk.toString('utf8'));
    const parts = text.split('\n');
    this.pending = parts.pop() ?? '';
    if (this.pending.length > this.maxPending) this.pending = '';
    return parts.map((l) => l.replace(/\r$/, '')).filter((l) => l.length > 0);
  }

  /** Whatever is left when the stream ends. */
  flush(): string[] {
    const rest = this.pending;
    this.pending = '';
    return rest.length > 0 ? [rest] : [];
  }
}
