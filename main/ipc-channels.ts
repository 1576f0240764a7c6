/**
 * Channel names of the Electron transport. Kept apart from contract.ts so the sandboxed preload
 * (which may require nothing but `electron`) imports these strings without pulling in zod.
 */
export const IPC = {
  invoke: 'dockside:invoke',
  subscribe: 'dockside:subscribe',
  unsubscribe: 'dockside:unsubscribe',
  /** Subscription deliveries of one macrotask, in order: `[subId, delivery][]`. */
  events: 'dockside:events',
} as const;
