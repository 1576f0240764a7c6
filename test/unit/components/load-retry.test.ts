/** Loading a code chunk again after a failure (renderer/src/components/load-retry.ts). */
import { describe, expect, it } from 'vitest';
import { RETRY_DELAYS_MS, withRetry } from '../../../renderer/src/components/load-retry';

describe('withRetry', () => {
  const waits: number[] = [];
  const wait = async (ms: number) => void waits.push(ms);

  it('returns the first load that succeeds, after waiting between tries', async () => {
    waits.length = 0;
    let calls = 0;
    const load = withRetry(async () => {
      calls++;
      if (calls < 3) throw new TypeError('Failed to fetch dynamically imported module: /assets/app-root.js');
      return 'module';
    }, RETRY_DELAYS_MS, wait);
    await expect(load()).resolves.toBe('module');
    expect(calls).toBe(3);
    expect(waits).toEqual([250, 1000]);
  });

  it('gives up after the last delay with the last error', async () => {
    waits.length = 0;
    let calls = 0;
    const load = withRetry(async () => {
      calls++;
      throw new Error(`down ${calls}`);
    }, [10, 20], wait);
    await expect(load()).rejects.toThrow('down 3');
    expect(calls).toBe(3);
    expect(waits).toEqual([10, 20]);
  });

  it('each call of the loader starts again from the first try', async () => {
    let ok = false;
    const load = withRetry(async () => {
      if (!ok) throw new Error('no');
      return 1;
    }, [], wait);
    await expect(load()).rejects.toThrow('no');
    ok = true;
    await expect(load()).resolves.toBe(1);
  });
});
