import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './shell/app';

/**
 * Renders the app into `el`. Loaded by the boot module (main.tsx) as its own chunk, so the engine
 * feed is already on its way while this code (React, the shell, the containers view) is fetched
 * and evaluated.
 */
export function mountApp(el: HTMLElement): void {
  performance.mark('dockside:app-evaluated');
  // A plain render, not a transition: the first screen is what the page is waiting for. In a
  // transition it rendered in slices, and any store update meanwhile (the engine status, the
  // container list, both usually arriving during those slices) made React throw the slices away
  // and render the whole app again synchronously (useSyncExternalStore's tearing check) inside
  // the task that delivered the update (issue 16: the first row ~320 ms after the first list).
  createRoot(el).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
