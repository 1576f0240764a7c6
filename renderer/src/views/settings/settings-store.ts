import { create } from 'zustand';
import type { Settings, Theme } from '../../../../main/contract';

/**
 * The user's settings as main last announced them (`settings:watch`). Other features read it
 * (e.g. notifications: `useSettingsStore.getState().settings?.notifications`).
 */
interface SettingsState {
  settings: Settings | null;
  set(s: Settings): void;
}

export const useSettingsStore = create<SettingsState>((set) => ({
  settings: null,
  set: (settings) => set({ settings }),
}));

const CACHE_KEY = 'dockside.theme';

/** Sets the page's theme; 'system' leaves it to the OS (prefers-color-scheme). */
export function applyTheme(theme: Theme): void {
  const root = document.documentElement;
  if (theme === 'system') delete root.dataset.theme;
  else root.dataset.theme = theme;
  try {
    // Remembered locally only to paint the first frame right; settings.json stays the truth.
    localStorage.setItem(CACHE_KEY, theme);
  } catch {
    // storage may be off: the theme still arrives from main a moment later
  }
}

export function applyCachedTheme(): void {
  try {
    const t = localStorage.getItem(CACHE_KEY);
    if (t === 'light' || t === 'dark') document.documentElement.dataset.theme = t;
  } catch {
    // nothing cached
  }
}
