/**
 * A fixed-capacity ring: pushing past capacity overwrites the oldest item, so memory stays flat
 * however long the app runs. Pure (no node imports) so the renderer uses it for chart history
 * and log windows.
 */
export class RingBuffer<T> {
  private readonly items: (T | undefined)[];
  private start = 0;
  private count = 0;
  /** Items ever pushed, including those overwritten. */
  pushed = 0;

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity <= 0) throw new Error(`capacity must be a positive integer, got ${capacity}`);
    this.items = new Array<T | undefined>(capacity);
  }

  get length(): number {
    return this.count;
  }

  /** Items overwritten so far (pushed but no longer held). */
  get evicted(): number {
    return this.pushed - this.count;
  }

  push(item: T): void {
    this.pushed++;
    if (this.count < this.capacity) {
      this.items[(this.start + this.count) % this.capacity] = item;
      this.count++;
    } else {
      this.items[this.start] = item;
      this.start = (this.start + 1) % this.capacity;
    }
  }

  pushMany(list: readonly T[]): void {
    // Only the last `capacity` items can survive; skip the rest without touching the array.
    const skip = Math.max(0, list.length - this.capacity);
    this.pushed += skip;
    for (let i = skip; i < list.length; i++) this.push(list[i]!);
  }

  /** The i-th oldest item still held (0 = oldest). */
  at(i: number): T | undefined {
    if (i < 0 || i >= this.count) return undefined;
    return this.items[(this.start + i) % this.capacity];
  }

  last(): T | undefined {
    return this.at(this.count - 1);
  }

  toArray(): T[] {
    const out: T[] = new Array<T>(this.count);
    for (let i = 0; i < this.count; i++) out[i] = this.items[(this.start + i) % this.capacity]!;
    return out;
  }

  clear(): void {
    this.items.fill(undefined);
    this.start = 0;
    this.count = 0;
  }
}
