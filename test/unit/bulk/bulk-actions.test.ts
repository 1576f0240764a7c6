import { describe, expect, it } from 'vitest';
import { bulkContainersCommand, bulkRemoveCommand, forEachRef } from '../../../main/bulk/bulk-actions';

describe('bulk actions', () => {
  it('shows the one docker command that does the same', () => {
    expect(bulkContainersCommand('stop', ['a', 'b', 'c'], false)).toBe('docker stop a b c');
    expect(bulkContainersCommand('remove', ['a', 'b'], true)).toBe('docker rm --force a b');
    expect(bulkContainersCommand('kill', ['a'], false)).toBe('docker kill a');
    expect(bulkRemoveCommand('image', ['web:1', 'sha256:ab'], false)).toBe('docker rmi web:1 sha256:ab');
    expect(bulkRemoveCommand('volume', ['v1', 'v2'], false)).toBe('docker volume rm v1 v2');
    expect(bulkRemoveCommand('network', ['n1'], false)).toBe('docker network rm n1');
  });

  it('reports every item, a failure with the engine\'s words, without stopping the others', async () => {
    const seen: string[] = [];
    const results = await forEachRef(['a', 'b', 'c', 'd'], async (ref) => {
      seen.push(ref);
      if (ref === 'b') throw Object.assign(new Error('(HTTP code 409) unexpected - conflict: unable to remove volume: volume is in use '), { statusCode: 409 });
    }, 2);
    expect(seen.sort()).toEqual(['a', 'b', 'c', 'd']);
    expect(results).toEqual([
      { ref: 'a', ok: true },
      { ref: 'b', ok: false, error: 'conflict: unable to remove volume: volume is in use' },
      { ref: 'c', ok: true },
      { ref: 'd', ok: true },
    ]);
  });

  it('keeps at most `limit` calls in flight', async () => {
    let now = 0;
    let peak = 0;
    await forEachRef(Array.from({ length: 20 }, (_, i) => `c${i}`), async () => {
      now++;
      peak = Math.max(peak, now);
      await Promise.resolve();
      await Promise.resolve();
      now--;
    }, 3);
    expect(peak).toBe(3);
  });
});
