/**
 * Loading a chunk of Dockside's own code, again when it fails. A browser cancels requests in
 * flight when the machine's network changes, and starting a container changes it (Docker adds a
 * veth interface): Chromium then fails a module fetch with ERR_NETWORK_CHANGED, seen while a page
 * loaded beside a running suite. A new `import()` fetches a failed module again (Chromium
 * does not keep the failure), so a few tries a moment apart get past it; only a server that
 * stays unreachable ends in the caller's error. Electron's app:// protocol never sees this; the
 * retry costs nothing there.
 */

/** Waits between tries, in ms: up to four tries over about 4 s. */
export const RETRY_DELAYS_MS = [250, 1000, 2500] as const;

export function withRetry<T>(load: () => Promise<T>, delays: readonly number[] = RETRY_DELAYS_MS, wait = (ms: number) => new Promise<void>((r) => setTimeout(r, ms))): () => Promise<T> {
  return async () => {
    for (let attempt = 0; ; attempt++) {
      try {
        return await load();
      } catch (err) {
        if (attempt >= delays.length) throw err;
        await wait(delays[attempt]!);
      }
    }
  };
}

