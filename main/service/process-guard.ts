/**
 * The last line of defence for main: an error that escaped every handler (a stream that emitted
 * `error` with no listener, a rejected promise nobody awaited) is logged and the app goes on.
 * Every known cause is fixed where it starts (validated ids, no redirects, error listeners on
 * every stream); this keeps an unknown one from taking the engine connection and every window
 * down with it. Secrets never reach these lines: errors carry engine messages, not credentials.
 */
let installed = false;
let count = 0;
/** Set once stdout or stderr is gone (the terminal or the parent that read them closed). */
let outputClosed = false;

export function guardProcess(log: (line: string) => void = (line) => console.error(line)): void {
  if (installed) return;
  installed = true;
  // A write to a closed pipe fails later, as an `error` event on the stream. Without a listener
  // that event is an uncaught exception, whose report is another write to the same pipe, which
  // fails again: a loop that kept an orphaned server at 30-40 % of a core for half an hour. The
  // listener ends it: once the output is gone, nothing more is written there.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', () => {
      outputClosed = true;
    });
  }
  const report = (kind: string, err: unknown) => {
    count++;
    if (outputClosed) return;
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
