import { describe, expect, it } from 'vitest';
import { retriesByItself } from '../../../main/engine/retry-policy';

describe('retry policy', () => {
  it('waits for the user on a host key or a refused login, retries everything else', () => {
    for (const r of ['host-key-unknown', 'host-key-changed', 'auth'] as const) expect(retriesByItself(r)).toBe(false);
    for (const r of ['no-socket', 'refused', 'timeout', 'permission', 'bad-config', 'dns', 'ssh', 'other'] as const) expect(retriesByItself(r)).toBe(true);
  });
});
