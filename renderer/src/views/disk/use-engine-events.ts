import { useSubscription } from '../../api/use-subscription';

/** Calls `onChange` on container, image and volume events (the engine's stream, not a timer). */
export function useEngineEvents(onChange: () => void): void {
  useSubscription('engine:events', { types: ['container', 'image', 'volume'] }, () => onChange());
}
