import { describe, expect, it } from 'vitest';
import { formatBytes, formatMemoryFlag, parseMemorySize } from '../../../main/debug/memory-size';

describe('memory sizes like the docker CLI', () => {
  it('parses binary units', () => {
    expect(parseMemorySize('64m')).toBe(67108864);
    expect(parseMemorySize('1G')).toBe(1073741824);
    expect(parseMemorySize('512k')).toBe(524288);
    expect(parseMemorySize('1.5g')).toBe(1610612736);
    expect(parseMemorySize('1048576')).toBe(1048576);
    expect(parseMemorySize('64 mb')).toBeNull();
    expect(parseMemorySize('-1m')).toBeNull();
  });
  it('prints the shortest exact flag and human sizes', () => {
    expect(formatMemoryFlag(67108864)).toBe('64m');
    expect(formatMemoryFlag(1073741824)).toBe('1g');
    expect(formatMemoryFlag(1000)).toBe('1000');
    expect(formatBytes(819200)).toBe('800.0KiB');
    expect(formatBytes(67108864)).toBe('64.0MiB');
    expect(formatBytes(512)).toBe('512B');
  });
});
