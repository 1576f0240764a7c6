/**
 * A part of the UI whose code (and heavy libraries: xterm, recharts, the markdown stack) is fetched
 * only when it is first shown, so the first paint loads none of it. The fallback stays inside the
 * part's own box: the view around it keeps rendering while the chunk arrives.
 */
import { lazy, Suspense, type ComponentType, type ReactNode } from 'react';
import { withRetry } from './load-retry';
import { PartBoundary } from './part-boundary';

/** `what` names the part in the message shown if its code cannot be loaded even after retrying. */
export function lazyPart<P extends object>(
  load: () => Promise<{ default: ComponentType<P> }>,
  fallback: ReactNode = <p className="muted">Loading…</p>,
  what = 'this part',
): ComponentType<P> {
  const Part = lazy(withRetry(load));
  function LazyPart(props: P) {
    return (
      <PartBoundary what={what}>
        <Suspense fallback={fallback}>
          <Part {...props} />
        </Suspense>
      </PartBoundary>
    );
  }
  return LazyPart;
}
