/** The practice registry's last known status, shared by its card and the lessons that name its address. */
import { create } from 'zustand';
import type { PracticeRegistryStatus } from '../../../../main/contract';

interface PracticeRegistryState {
  status: PracticeRegistryStatus | null;
  set(status: PracticeRegistryStatus): void;
}

export const usePracticeRegistryStore = create<PracticeRegistryState>((set) => ({
  status: null,
  set: (status) => set({ status }),
}));
