import { useCallback, useState } from 'react';
import type { ContainerSummary } from '../../../../main/contract';
import { runContainerAction, type ContainerAction } from './container-actions';

/**
 * Actions in flight, per container and per action: a slow Stop (up to its 10 s grace period)
 * greys out only that Stop button; Kill on the same container, and every other row, stay usable
 * (Kill is exactly what lesson 6 teaches when Stop takes too long).
 */
export function useContainerActions() {
  const [pending, setPending] = useState<ReadonlySet<string>>(new Set());
  const [error, setError] = useState<string | null>(null);
  const key = (action: ContainerAction, id: string) => `${action}:${id}`;
  const isPending = useCallback((action: ContainerAction, id: string) => pending.has(key(action, id)), [pending]);
  const act = useCallback(async (action: ContainerAction, c: ContainerSummary) => {
    const k = key(action, c.id);
    setPending((p) => new Set(p).add(k));
    setError(null);
    const err = await runContainerAction(action, c);
    setPending((p) => {
      const next = new Set(p);
      next.delete(k);
      return next;
    });
    if (err) setError(`${action} ${c.name}: ${err}`);
  }, []);
  return { act, isPending, error };
}
