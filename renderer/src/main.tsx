/**
 * Boot module: the only script index.html runs. It is kept small (the engine store, the API
 * transport and React's core for the store's hook; not React's DOM renderer, the shell or any
 * view) so it runs as soon as the page is parsed: it starts the engine feed (in
 * browser mode: trading the link's code for the session, opening the WebSocket and asking for
 * the container list) and only then loads the app, whose chunk the page is already fetching
 * (a modulepreload link added at build time, build/preload-app-chunk.ts). The list is usually in
 * the store before React first renders, so the first render has the rows.
 */
import { feedRequested, startEngineFeed } from './api/engine-feed';
import { withRetry } from './components/load-retry';
import { retryFailedStylesheets } from './components/style-retry';
import './styles.css';
import './tools.css';
import { applyCachedTheme } from './views/settings/settings-store';

applyCachedTheme();
startEngineFeed();
retryFailedStylesheets();

const root = document.getElementById('root')!;
// The feed's requests go out first (the main thread stays free for the session's answer and the
// socket's opening), at most a moment's wait: then the engine reads its list while the app's code
// is evaluated. Two evaluations, two tasks: React's DOM renderer (half the app's code) first,
// then the shell and the views. Between them the browser can deliver the feed's network events,
// and neither is one long task (issue 16: longest task < 50 ms). Both files are downloading already.
// Each import is tried again a moment later if it fails (components/load-retry.ts).
feedRequested(300)
  .then(withRetry(() => import('react-dom/client')))
  .then(withRetry(() => import('./app-root')))
  .then(
    (m) => m.mountApp(root),
    (err: unknown) => {
      // Never a blank page: say what failed (the server stopped between the HTML and its scripts).
      const p = document.createElement('p');
      p.setAttribute('role', 'alert');
      p.textContent = `Dockside could not load its code (${err instanceof Error ? err.message : String(err)}). Reload the page.`;
      root.replaceChildren(p);
    },
  );
