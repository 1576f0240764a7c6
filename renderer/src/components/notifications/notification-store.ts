/**
 * Notifications: every action says whether it worked, with the docker command that does the same.
 * Toasts disappear by themselves; every notification is kept (bounded) in a history panel.
 * `enabled` turns the toasts off (a settings page may toggle it); the history is kept either way.
 */
import { create } from 'zustand';

export type NotificationKind = 'success' | 'failure' | 'info';

export interface AppNotification {
  id: number;
  kind: NotificationKind;
  /** What happened, e.g. "Stopped web" or "Stop web failed". */
  title: string;
  /** The engine's own words for a failure. */
  detail?: string;
  /** The docker CLI command that does (or did) the same. */
  command?: string;
  /** Epoch milliseconds. */
  at: number;
}

/** How long a toast stays on screen. */
export const TOAST_MS = 6000;
const MAX_TOASTS = 3;
const MAX_HISTORY = 100;

interface NotificationState {
  enabled: boolean;
  toasts: AppNotification[];
  history: AppNotification[];
  notify(n: Omit<AppNotification, 'id' | 'at'>): AppNotification;
  dismiss(id: number): void;
  clearHistory(): void;
  setEnabled(enabled: boolean): void;
}

let nextId = 1;
const timers = new Map<number, ReturnType<typeof setTimeout>>();

export const useNotificationStore = create<NotificationState>((set, get) => ({
  enabled: true,
  toasts: [],
  history: [],
  notify: (n) => {
    const item: AppNotification = { ...n, id: nextId++, at: Date.now() };
    set((s) => ({
      history: [item, ...s.history].slice(0, MAX_HISTORY),
      toasts: s.enabled ? [item, ...s.toasts].slice(0, MAX_TOASTS) : s.toasts,
    }));
    if (get().enabled) timers.set(item.id, setTimeout(() => get().dismiss(item.id), TOAST_MS));
    return item;
  },
  dismiss: (id) => {
    clearTimeout(timers.get(id));
    timers.delete(id);
    set((s) => ({ toasts: s.toasts.filter((t) => t.id !== id) }));
  },
  clearHistory: () => set({ history: [] }),
  setEnabled: (enabled) => set((s) => ({ enabled, toasts: enabled ? s.toasts : [] })),
}));
