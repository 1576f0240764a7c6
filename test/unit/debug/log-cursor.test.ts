/** Log cursors: engine timestamps compare as strings once padded, and become the engine's `since`. */
import { describe, expect, it } from 'vitest';
import { sinceFromKey, timestampKey } from '../../../main/debug/log-stream';

describe('log cursor keys', () => {
  it('pads the engine’s trimmed nanoseconds so keys sort like times', () => {
    expect(timestampKey('2026-11-28T17:26:38.3226714Z')).toBe('2026-11-28T17:26:38.322671400Z');
    expect(timestampKey('2026-11-28T17:26:38Z')).toBe('2026-11-28T17:26:38.000000000Z');
    expect(timestampKey('2026-11-28T17:26:38.9Z') > timestampKey('2026-11-28T17:26:38.10Z')).toBe(true);
  });

  it('turns a key into seconds.nanoseconds for the engine', () => {
    expect(sinceFromKey('2026-11-28T17:26:38.322671400Z')).toBe(`${Date.UTC(2026, 10, 28, 17, 26, 38) / 1000}.322671400`);
  });
});
