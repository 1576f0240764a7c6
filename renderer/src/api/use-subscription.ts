import { useEffect, useRef } from 'react';
import type { ApiError, SubscriptionArgs, SubscriptionEvent, SubscriptionName } from '../../../main/contract';
import { api } from './client';

/**
 * Opens a subscription while the component is on screen and closes it in the effect cleanup,
 * including when the component unmounts before the subscription finished opening.
 * `key` decides when to re-subscribe (pass null to stay closed).
 */
export function useSubscription<N extends SubscriptionName>(
  name: N,
  args: SubscriptionArgs<N> | null,
  onEvent: (e: SubscriptionEvent<N>) => void,
  onError?: (e: ApiError) => void,
  key: string = JSON.stringify(args),
): void {
  const handlers = useRef({ onEvent, onError });
  handlers.current = { onEvent, onError };
  useEffect(() => {
    if (args === null) return;
    let unsubscribe: (() => void) | null = null;
    let cancelled = false;
    api()
      .subscribe(
        name,
        args,
        (e) => handlers.current.onEvent(e),
        (e) => handlers.current.onError?.(e),
      )
      .then(
        (unsub) => {
          if (cancelled) unsub();
          else unsubscribe = unsub;
        },
        (err: ApiError) => {
          if (!cancelled) handlers.current.onError?.(err);
        },
      );
    return () => {
      cancelled = true;
      unsubscribe?.();
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [name, key]);
}
