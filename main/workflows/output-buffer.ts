/**
 * A bounded buffer of a container's output (stdout and stderr told apart), shared by main (what
 * an attached run printed so far, replayed to a new subscriber) and the run dialog (what is on
 * screen). Past `maxChars` the oldest text goes, and how much went is counted, so a container that
 * prints forever never grows memory. Pure: no Node or DOM imports.
 */
export interface OutputChunk {
  stream: 'stdout' | 'stderr';
  text: string;
}

export class OutputBuffer {
  private list: OutputChunk[] = [];
  private size = 0;
  /** Characters dropped from the front to stay within the bound. */
  dropped = 0;

  constructor(readonly maxChars = 256 * 1024) {}

  get chunks(): readonly OutputChunk[] {
    return this.list;
  }

  get length(): number {
    return this.size;
  }

  push(chunk: OutputChunk): void {
    if (!chunk.text) return;
    const last = this.list[this.list.length - 1];
    // Neighbours of the same stream are merged so the list stays short.
    if (last && last.stream === chunk.stream) this.list[this.list.length - 1] = { stream: last.stream, text: last.text + chunk.text };
    else this.list.push({ ...chunk });
    this.size += chunk.text.length;
    this.trim();
  }

  pushAll(chunks: readonly OutputChunk[]): void {
    for (const c of chunks) this.push(c);
  }

  /** Hands the buffered chunks over and empties the buffer (the dropped count is kept). */
  take(): OutputChunk[] {
    const out = this.list;
    this.list = [];
    this.size = 0;
    return out;
  }

  clear(): void {
    this.list = [];
    this.size = 0;
    this.dropped = 0;
  }

  private trim(): void {
    while (this.size > this.maxChars && this.list.length) {
      const over = this.size - this.maxChars;
      const first = this.list[0]!;
      if (first.text.length <= over) {
        this.list.shift();
        this.size -= first.text.length;
        this.dropped += first.text.length;
      } else {
        this.list[0] = { stream: first.stream, text: first.text.slice(over) };
        this.size -= over;
        this.dropped += over;
      }
    }
  }
}
