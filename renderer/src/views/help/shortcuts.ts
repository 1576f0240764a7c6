/** Keyboard shortcuts, listed in Help and handled by the command palette. */
export const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);
export const MOD = isMac ? '⌘' : 'Ctrl';

export const SHORTCUTS: { keys: string; what: string }[] = [
  { keys: `${MOD}+K`, what: 'Open the command palette: jump to any view, container, image, volume, network or lesson, or run an action' },
  { keys: '↑ / ↓', what: 'Move in the command palette' },
  { keys: 'Enter', what: 'Run the highlighted palette entry' },
  { keys: 'Esc', what: 'Close the palette or a dialog' },
];
