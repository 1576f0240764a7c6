import { useEffect } from 'react';
import { useNavStore } from '../stores/nav-store';
import { formatHash, parseHash } from './url-state';

/**
 * Keeps the URL hash and the nav store in step: the hash is read once at start (a reload keeps
 * the screen) and on Back/Forward; every change of view, details or lesson writes a new history
 * entry, so the browser's Back returns to the list from a container's details.
 */
export function useUrlSync(): void {
  useEffect(() => {
    const apply = () => {
      const s = parseHash(window.location.hash);
      if (!s) return;
      const nav = useNavStore.getState();
      const sameDetail = s.detail?.container === nav.detail?.container && s.detail?.tab === nav.detail?.tab;
      useNavStore.setState({
        view: s.view,
        detail: s.detail,
        lessonId: s.lessonId,
        // Opening details from Back/Forward is an explicit move: focus their heading.
        ...(s.detail && !sameDetail ? { detailFocusRequest: nav.detailFocusRequest + 1 } : {}),
        ...(s.view !== nav.view ? { params: {} } : {}),
      });
    };
    apply();
    const write = (replace: boolean) => {
      // Browser mode's one-time link (`#code=...`) is read and dropped by the session code
      // (api/browser-session.ts): never overwrite it before that happened.
      if (/(?:^#|&)code=/.test(window.location.hash)) return;
      const { view, detail, lessonId } = useNavStore.getState();
      const hash = formatHash({ view, detail, lessonId });
      if (hash === window.location.hash) return;
      if (replace) window.history.replaceState(null, '', hash);
      else window.history.pushState(null, '', hash);
    };
    write(true);
    // A new entry per place (view, container, lesson); switching tabs only rewrites the current one.
    const unsubscribe = useNavStore.subscribe((now, before) =>
      write(now.view === before.view && now.lessonId === before.lessonId && now.detail?.container === before.detail?.container),
    );
    window.addEventListener('popstate', apply);
    return () => {
      unsubscribe();
      window.removeEventListener('popstate', apply);
    };
  }, []);
}
