import { useEffect, useRef, useState } from 'react';
import type { ApiError } from '../../../../main/contract';
import { OutputBuffer } from '../../../../main/workflows/output-buffer';
import { useSubscription } from '../../api/use-subscription';
import { ErrorText } from '../../components/error-text';

export interface LiveRun {
  id: string;
  name: string;
  outputId: string;
}

/**
 * The output of an attached run, live: the run call attached before the start, and this panel
 * subscribes to what it holds (everything printed so far, then each new line as it comes). The
 * view keeps the last 256 K characters and says how much earlier output was left out.
 */
export function RunOutput({ run, onExit }: { run: LiveRun; onExit: (exitCode: number | null) => void }) {
  const buffer = useRef(new OutputBuffer());
  const [, setVersion] = useState(0);
  const [exitCode, setExitCode] = useState<number | null | undefined>(undefined);
  const [error, setError] = useState<ApiError | null>(null);
  const pre = useRef<HTMLPreElement>(null);
  const stick = useRef(true);
  useSubscription(
    'workflows:run-output',
    { outputId: run.outputId },
    (e) => {
      if (e.type === 'output') {
        if (e.replace) buffer.current.clear();
        buffer.current.dropped += e.dropped;
        buffer.current.pushAll(e.chunks);
        setVersion((v) => v + 1);
      } else {
        setExitCode(e.exitCode);
        onExit(e.exitCode);
      }
    },
    setError,
  );
  // Follows the newest line while the reader is at the bottom; scrolling up stops that.
  useEffect(() => {
    const el = pre.current;
    if (el && stick.current) el.scrollTop = el.scrollHeight;
  });
  const running = exitCode === undefined;
  const b = buffer.current;
  return (
    <section aria-label="Output" className="wf-output" data-testid="run-output-panel">
      <p className="wf-output-status" role="status" data-testid="run-status">
        {running ? (
          <>
            <span className="wf-live-dot" aria-hidden="true" /> <strong>{run.name}</strong> is running: its output appears here as it prints it.
          </>
        ) : exitCode === null ? (
          <>
            <strong>{run.name}</strong> has stopped (the engine did not report an exit code).
          </>
        ) : (
          <>
            <strong>{run.name}</strong> exited with code {exitCode}
            {exitCode === 0 ? ' (success).' : exitCode === 137 ? ' (killed: SIGKILL, or out of memory).' : exitCode === 143 ? ' (stopped: SIGTERM).' : '.'}
          </>
        )}
      </p>
      <ErrorText error={error} />
      {b.dropped > 0 && <p className="muted">{b.dropped.toLocaleString()} characters of earlier output are not shown (the Logs tab has all of it).</p>}
      <pre
        ref={pre}
        data-testid="run-output"
        tabIndex={0}
        aria-label={`Output of ${run.name}`}
        onScroll={(e) => {
          const el = e.currentTarget;
          stick.current = el.scrollHeight - el.scrollTop - el.clientHeight < 24;
        }}
      >
        {b.chunks.map((c, i) => (
          <span key={i} className={`wf-${c.stream}`}>
            {c.text}
          </span>
        ))}
        {b.length === 0 && <span className="muted">{running ? 'Nothing printed yet.' : 'It printed nothing.'}</span>}
      </pre>
    </section>
  );
}
