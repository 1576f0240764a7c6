import { create } from 'zustand';

export interface ShownCommand {
  id: number;
  /** What the user did, e.g. "Stopped web". */
  label: string;
  /** The docker CLI command that does the same. */
  command: string;
}

interface CommandState {
  recent: ShownCommand[];
  show(label: string, command: string): void;
}

let nextId = 1;

/** The docker command behind the last few actions, shown so learners connect GUI and CLI. */
export const useCommandStore = create<CommandState>((set) => ({
  recent: [],
  show: (label, command) => set((s) => ({ recent: [{ id: nextId++, label, command }, ...s.recent].slice(0, 5) })),
}));
