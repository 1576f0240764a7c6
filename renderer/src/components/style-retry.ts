/**
 * Stylesheets for the boot module (main.tsx); see load-retry.ts for why downloads fail.
 */
import { RETRY_DELAYS_MS } from './load-retry';

/**
 * The page's stylesheets, again when their download failed (a cancelled request, as for the
 * code: a page without its styles is a wall of unstyled buttons). Once the window's load event
 * has fired every stylesheet has either loaded or failed, so a `<link>` without rules then
 * failed: a copy of it is added (the browser fetches it again) and, once loaded, replaces it.
 * Tried again after each delay until one loads.
 */
/**
 * Whether a stylesheet arrived. Chromium gives a failed one a sheet whose rules cannot be read
 * (SecurityError), not null; Dockside's own stylesheets are never empty.
 */
function hasRules(link: HTMLLinkElement): boolean {
  try {
    return (link.sheet?.cssRules.length ?? 0) > 0;
  } catch {
    return false;
  }
}

export function retryFailedStylesheets(doc: Document = document, delays: readonly number[] = RETRY_DELAYS_MS): void {
  const check = () => {
    for (const link of doc.querySelectorAll<HTMLLinkElement>('link[rel="stylesheet"]')) {
      if (!hasRules(link)) reload(link, 0);
    }
  };
  const reload = (failed: HTMLLinkElement, attempt: number) => {
    const copy = doc.createElement('link');
    copy.rel = 'stylesheet';
    copy.crossOrigin = failed.crossOrigin;
    // A new URL: the same one can be answered from the failure the document already holds.
    const url = new URL(failed.href);
    url.searchParams.set('retry', String(attempt + 1));
    copy.href = url.href;
    copy.addEventListener('load', () => failed.remove(), { once: true });
    copy.addEventListener(
      'error',
      () => {
        copy.remove();
        if (attempt < delays.length) setTimeout(() => reload(failed, attempt + 1), delays[attempt]);
      },
      { once: true },
    );
    failed.after(copy);
  };
  if (doc.readyState === 'complete') check();
  else doc.defaultView?.addEventListener('load', check, { once: true });
}
