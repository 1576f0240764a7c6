import { startEngineFeed } from '../api/engine-feed';

/**
 * Keeps the engine status and the container list in the store for the whole app: two
 * subscriptions, both driven by the engine's events (no timers). They are opened by the boot
 * module before the app renders (api/engine-feed.ts); this only makes sure of it wherever the
 * shell is mounted without that module.
 */
export function EngineBridge() {
  startEngineFeed();
  return null;
}
