import { create } from 'zustand';
import { useNotificationStore } from '../components/notifications/notification-store';

export interface ShownCommand {
  id: number;
  /** What the user did, e.g. "Stopped web". */
  label: string;
  /** The docker CLI command that does the same. */
  command: string;
}

interface CommandState {
  recent: ShownCommand[];
  /** The bar under the view was closed; the next action shows it again. */
  dismissed: boolean;
  show(label: string, command: string): void;
  dismiss(): void;
}

let nextId = 1;

/** The docker command behind the last few actions, shown so learners connect GUI and CLI. */
export const useCommandStore = create<CommandState>((set) => ({
  recent: [],
  dismissed: false,
  show: (label, command) => {
    set((s) => ({ recent: [{ id: nextId++, label, command }, ...s.recent].slice(0, 5), dismissed: false }));
    // Every shown command is an action that worked: it is also a success notification.
    useNotificationStore.getState().notify({ kind: 'success', title: label, command });
  },
  dismiss: () => set({ dismissed: true }),
}));
