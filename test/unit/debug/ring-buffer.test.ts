import { describe, expect, it } from 'vitest';
import { RingBuffer } from '../../../main/debug/ring-buffer';

describe('RingBuffer', () => {
  it('keeps the newest items up to its capacity, oldest first', () => {
    const r = new RingBuffer<number>(3);
    for (let i = 1; i <= 5; i++) r.push(i);
    expect(r.toArray()).toEqual([3, 4, 5]);
    expect(r.length).toBe(3);
    expect(r.at(0)).toBe(3);
    expect(r.last()).toBe(5);
    expect(r.at(3)).toBeUndefined();
    expect(r.pushed).toBe(5);
    expect(r.evicted).toBe(2);
  });
  it('pushMany of more than the capacity keeps only the last items', () => {
    const r = new RingBuffer<number>(4);
    r.push(0);
    r.pushMany(Array.from({ length: 10 }, (_, i) => i + 1));
    expect(r.toArray()).toEqual([7, 8, 9, 10]);
    expect(r.pushed).toBe(11);
  });
  it('stays the same size after a million pushes', () => {
    const r = new RingBuffer<number>(1000);
    for (let i = 0; i < 1_000_000; i++) r.push(i);
    expect(r.length).toBe(1000);
    expect(r.at(0)).toBe(999_000);
  });
  it('clears and refuses a bad capacity', () => {
    const r = new RingBuffer<string>(2);
    r.push('a');
    r.clear();
    expect(r.toArray()).toEqual([]);
    expect(() => new RingBuffer(0)).toThrow(/capacity/);
  });
});
