import { describe, expect, it } from 'vitest';
import { LineSplitter } from '../../../main/engine/line-splitter';

describe('LineSplitter', () => {
  it('holds a JSON document split across chunks until its newline arrives', () => {
    const s = new LineSplitter();
    expect(s.push('{"a":1}\n{"b"')).toEqual(['{"a":1}']);
    expect(s.push(':2}\r\n\n')).toEqual(['{"b":2}']);
    expect(s.flush()).toEqual([]);
  });
  it('bounds the pending tail', () => {
    const s = new LineSplitter(10);
    s.push('x'.repeat(50));
    expect(s.flush()).toEqual([]);
  });
});
