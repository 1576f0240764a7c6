import { describe, expect, it } from 'vitest';
import { planLimitsUpdate } from '../../../main/debug/top-limits';

describe('planLimitsUpdate (docker update body and command)', () => {
  it('sets memory with twice as much memory+swap by default, and CPUs as NanoCpus', () => {
    expect(planLimitsUpdate('web', { memory: '64m', cpus: 0.5 })).toEqual({
      body: { Memory: 67108864, MemorySwap: 134217728, NanoCpus: 500000000 },
      command: 'docker update --memory 64m --memory-swap 128m --cpus 0.5 web',
    });
  });
  it('keeps an explicit swap, including -1 for unlimited', () => {
    expect(planLimitsUpdate('web', { memory: '1g', memorySwap: '-1' }).body).toEqual({ Memory: 1073741824, MemorySwap: -1 });
    expect(planLimitsUpdate('web', { memory: '64m', memorySwap: '256m' }).command).toBe('docker update --memory 64m --memory-swap 256m web');
  });
  it('refuses values the engine would refuse, naming the field', () => {
    const field = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return (e as { field?: string }).field;
      }
      return 'no error';
    };
    expect(field(() => planLimitsUpdate('web', {}))).toBe('memory');
    expect(field(() => planLimitsUpdate('web', { memory: '4m' }))).toBe('memory');
    expect(field(() => planLimitsUpdate('web', { memory: 'big' }))).toBe('memory');
    expect(field(() => planLimitsUpdate('web', { memory: '64m', memorySwap: '32m' }))).toBe('memorySwap');
  });
});
