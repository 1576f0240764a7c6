import { create } from 'zustand';
import type { ContainerSummary, EngineStatus } from '../../../main/contract';
import { sameJson } from './same-json';

interface EngineState {
  status: EngineStatus;
  /** False when the browser-mode socket to the app server is down. */
  transportUp: boolean;
  containers: ContainerSummary[];
  containersLoaded: boolean;
  setStatus(s: EngineStatus): void;
  setTransportUp(up: boolean): void;
  setContainers(list: ContainerSummary[]): void;
}

export const useEngineStore = create<EngineState>((set) => ({
  status: { state: 'connecting', endpoint: null },
  transportUp: true,
  containers: [],
  containersLoaded: false,
  setStatus: (status) => set(status.state === 'connected' ? { status } : { status, containersLoaded: false }),
  setTransportUp: (transportUp) => set({ transportUp }),
  // The same list again (nothing shown changed) keeps the old array: no view re-renders.
  setContainers: (containers) => set((s) => (s.containersLoaded && sameJson(s.containers, containers) ? s : { containers, containersLoaded: true })),
}));

/**
 * True when views may show engine data: the engine answers and so does the app server. A container
 * list that arrives while the status still says 'connecting' is itself the engine's answer, so the
 * first screen paints from the first list response without waiting for the status stream too
 * (any later 'connecting' or 'unreachable' status clears containersLoaded).
 */
export function useEngineOnline(): boolean {
  return useEngineStore(
    (s) => s.transportUp && (s.status.state === 'connected' || (s.status.state === 'connecting' && s.containersLoaded)),
  );
}
