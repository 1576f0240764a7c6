import { useEffect } from 'react';
import { onTransportChange } from '../api/client';
import { useSubscription } from '../api/use-subscription';
import { useEngineStore } from '../stores/engine-store';

/**
 * Keeps the engine status and the container list in the store for the whole app: two
 * subscriptions, both driven by the engine's events (no timers).
 */
export function EngineBridge() {
  const setStatus = useEngineStore((s) => s.setStatus);
  const setContainers = useEngineStore((s) => s.setContainers);
  const setTransportUp = useEngineStore((s) => s.setTransportUp);
  useEffect(() => onTransportChange(setTransportUp), [setTransportUp]);
  useSubscription('engine:status', {}, setStatus);
  useSubscription('containers:watch', { all: true }, setContainers);
  return null;
}
