import { useEffect, useRef } from 'react';
import type { ApiError, SubscriptionArgs, SubscriptionEvent, SubscriptionName } from '../../../main/contract';
import { api } from './client';

interface Open {
  unsubscribe: (() => void) | null;
  cancelled: boolean;
}

/** Openings in flight at once: main answers a window's 17th concurrent call with a limit error. */
const MAX_OPENING = 8;

/**
 * One subscription per key (e.g. one per container), kept in step with `entries`: a key that
 * appears opens its own subscription, a key that goes closes only its own, and the others stay
 * open untouched. So a container starting or stopping costs one engine stream or sampler, not a
 * re-subscription of all of them (issue 16). At most 8 open at once (main's per-window limit). `entries` should be memoised; every key's args must
 * stay the same while the key exists (put whatever changes them into the key).
 */
export function useKeyedSubscriptions<N extends SubscriptionName>(
  name: N,
  entries: ReadonlyMap<string, SubscriptionArgs<N>>,
  onEvent: (e: SubscriptionEvent<N>, key: string) => void,
  onError?: (e: ApiError, key: string) => void,
): void {
  const handlers = useRef({ onEvent, onError });
  handlers.current = { onEvent, onError };
  const open = useRef(new Map<string, Open>());

  const queue = useRef<{ key: string; args: SubscriptionArgs<N>; o: Open }[]>([]);
  const opening = useRef(0);

  const pump = useRef(() => {});
  pump.current = () => {
    while (opening.current < MAX_OPENING && queue.current.length > 0) {
      const { key, args, o } = queue.current.shift()!;
      if (o.cancelled) continue;
      opening.current++;
      const done = () => {
        opening.current--;
        pump.current();
      };
      api()
        .subscribe(
          name,
          args,
          (e) => handlers.current.onEvent(e, key),
          (e) => handlers.current.onError?.(e, key),
        )
        .then(
          (unsub) => {
            if (o.cancelled) unsub();
            else o.unsubscribe = unsub;
            done();
          },
          (err: ApiError) => {
            if (!o.cancelled) handlers.current.onError?.(err, key);
            done();
          },
        );
    }
  };

  useEffect(() => {
    const live = open.current;
    for (const [key, o] of live) {
      if (entries.has(key)) continue;
      o.cancelled = true;
      o.unsubscribe?.();
      live.delete(key);
    }
    for (const [key, args] of entries) {
      if (live.has(key)) continue;
      const o: Open = { unsubscribe: null, cancelled: false };
      live.set(key, o);
      queue.current.push({ key, args, o });
    }
    pump.current();
  }, [name, entries]);

  // Everything closes when the view goes.
  useEffect(
    () => () => {
      for (const o of open.current.values()) {
        o.cancelled = true;
        o.unsubscribe?.();
      }
      open.current.clear();
      queue.current = [];
    },
    [],
  );
}
