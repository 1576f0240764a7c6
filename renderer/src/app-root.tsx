import { startTransition, StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './shell/app';

/**
 * Renders the app into `el`. Loaded by the boot module (main.tsx) as its own chunk, so the engine
 * feed is already on its way while this code (React, the shell, the containers view) is fetched
 * and evaluated.
 */
export function mountApp(el: HTMLElement): void {
  performance.mark('dockside:app-evaluated');
  // A transition: React renders the first screen in slices of a few milliseconds, yielding to
  // the browser between them, instead of one long task (issue 16: longest task < 50 ms).
  startTransition(() => {
    createRoot(el).render(
      <StrictMode>
        <App />
      </StrictMode>,
    );
  });
}
