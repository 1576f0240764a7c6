/** The disconnected view's note: "retries by itself" only where main really retries. */
import { describe, expect, it } from 'vitest';
import { NEEDS_USER } from '../../../main/engine/engine-manager';
import { disconnectedNote } from '../../../renderer/src/shell/disconnected-note';

describe('disconnectedNote', () => {
  it('says Dockside retries for failures main retries', () => {
    for (const reason of ['refused', 'no-socket', 'timeout', 'permission', 'bad-config', 'other', 'dns', 'ssh', 'remote-engine'] as const) {
      expect(disconnectedNote(reason), reason).toMatch(/retries by itself/);
    }
  });

  it('says what the user must do after a host-key or login failure (main waits for the user there)', () => {
    expect(disconnectedNote('host-key-unknown')).toMatch(/does not retry.*answer the question about this host’s key/);
    expect(disconnectedNote('host-key-changed')).toMatch(/does not retry.*connect again with Switch engine/);
    expect(disconnectedNote('auth')).toMatch(/does not retry.*connect again with Switch engine/);
  });

  it('is in step with the failures main does not retry', () => {
    expect([...NEEDS_USER].sort()).toEqual(['auth', 'host-key-changed', 'host-key-unknown']);
  });
});
