/**
 * A part of the UI whose code (and heavy libraries: xterm, recharts, the markdown stack) is fetched
 * only when it is first shown, so the first paint loads none of it. The fallback stays inside the
 * part's own box: the view around it keeps rendering while the chunk arrives.
 */
import { lazy, Suspense, type ComponentType, type ReactNode } from 'react';

export function lazyPart<P extends object>(
  load: () => Promise<{ default: ComponentType<P> }>,
  fallback: ReactNode = <p className="muted">Loading…</p>,
): ComponentType<P> {
  const Part = lazy(load);
  function LazyPart(props: P) {
    return (
      <Suspense fallback={fallback}>
        <Part {...props} />
      </Suspense>
    );
  }
  return LazyPart;
}
