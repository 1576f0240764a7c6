import { afterEach, describe, expect, it, vi } from 'vitest';
import type { EngineStatus } from '../../../main/contract';
import { followSilentNetworks, networksChanged } from '../../../main/networks/network-refresh';

const connected = (name: string): EngineStatus =>
  ({ state: 'connected', endpoint: { url: 'unix:///x.sock', source: 'default' }, info: { name } }) as unknown as EngineStatus;

function fakeEngine(status: EngineStatus) {
  const listeners = new Set<(s: EngineStatus) => void>();
  return {
    status,
    getStatus() {
      return this.status;
    },
    onStatus(cb: (s: EngineStatus) => void) {
      listeners.add(cb);
      return () => listeners.delete(cb);
    },
    set(s: EngineStatus) {
      this.status = s;
      for (const cb of listeners) cb(s);
    },
  };
}

afterEach(() => vi.useRealTimers());

describe('networks view on engines without network events', () => {
  it('re-lists on a slow interval only while the engine is Podman, and stops when closed', () => {
    vi.useFakeTimers();
    const engine = fakeEngine(connected('Docker Engine'));
    const relist = vi.fn();
    const stop = followSilentNetworks(engine, relist, 10_000);
    vi.advanceTimersByTime(60_000);
    expect(relist).not.toHaveBeenCalled();
    engine.set(connected('Podman'));
    vi.advanceTimersByTime(30_000);
    expect(relist).toHaveBeenCalledTimes(3);
    stop();
    vi.advanceTimersByTime(60_000);
    expect(relist).toHaveBeenCalledTimes(3);
  });

  it("re-lists when Dockside itself changed this engine's networks", () => {
    const engine = fakeEngine(connected('Docker Engine'));
    const other = fakeEngine(connected('Docker Engine'));
    const relist = vi.fn();
    const stop = followSilentNetworks(engine, relist);
    networksChanged(other);
    expect(relist).not.toHaveBeenCalled();
    networksChanged(engine);
    expect(relist).toHaveBeenCalledTimes(1);
    stop();
    networksChanged(engine);
    expect(relist).toHaveBeenCalledTimes(1);
  });
});
