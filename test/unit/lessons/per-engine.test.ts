import { describe, expect, it } from 'vitest';
import { perEngine } from '../../../main/lessons/per-engine';

describe('perEngine', () => {
  it('gives each engine connection its own instance, the same one every time', () => {
    let made = 0;
    const registerOf = perEngine(() => ({ n: ++made }));
    const a = {};
    const b = {};
    expect(registerOf(a)).toBe(registerOf(a));
    expect(registerOf(b)).not.toBe(registerOf(a));
    expect(made).toBe(2);
  });
});
