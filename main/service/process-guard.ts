/**
 * The last line of defence for main: an error that escaped every handler (a stream that emitted
 * `error` with no listener, a rejected promise nobody awaited) is logged and the app goes on.
 * Every known cause is fixed where it starts (validated ids, no redirects, error listeners on
 * every stream); this keeps an unknown one from taking the engine connection and every window
 * down with it. Secrets never reach these lines: errors carry engine messages, not credentials.
 */
let installed = false;
let count = 0;

export function guardProcess(log: (line: string) => void = (line) => console.error(line)): void {
  if (installed) return;
  installed = true;
  const report = (kind: string, err: unknown) => {
    count++;
    const text = err instanceof Error ? `${err.name}: ${err.message}\n${err.stack ?? ''}` : String(err);
    try {
      log(`dockside: ${kind} (kept running): ${text}`);
    } catch {
      // Logging itself failed (closed stdout): nothing more to do.
    }
  };
  process.on('uncaughtException', (err) => report('uncaught exception', err));
  process.on('unhandledRejection', (reason) => report('unhandled rejection', reason));
}

/** How many escaped errors were logged, for tests. */
export function escapedErrorCount(): number {
  return count;
}
