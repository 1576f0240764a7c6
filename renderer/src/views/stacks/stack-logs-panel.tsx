import { useRef, useState } from 'react';
import type { ApiError } from '../../../../main/contract';
import { skippedBefore, unpackLines } from '../../../../main/debug/log-batch';
import { stackLogsCommand } from '../../../../main/stacks/compose-command';
import { useSubscription } from '../../api/use-subscription';
import { CommandLine } from '../../components/command-line';
import { ErrorText } from '../../components/error-text';

/** The view keeps this many lines; older ones scroll away (the engine keeps the whole log). */
const MAX_LINES = 2000;
const TAIL = 200;

interface Line {
  n: number;
  service: string;
  text: string;
  stderr: boolean;
}

const PALETTE = 6;
function colourOf(service: string): number {
  let h = 0;
  for (const ch of service) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return h % PALETTE;
}

/** The whole stack's log, like `docker compose logs -f`: one line per row, prefixed by its service. */
export function StackLogsPanel({ project, onClose }: { project: string; onClose(): void }) {
  const [lines, setLines] = useState<Line[]>([]);
  const [dropped, setDropped] = useState(0);
  const [error, setError] = useState<ApiError | null>(null);
  const counter = useRef(0);
  // Lines sent or counted as skipped so far, per container: a batch lost on the way (browser mode
  // drops events while a socket is backed up) shows as skipped lines, never as an unmarked hole.
  const seen = useRef(new Map<string, number>());
  const box = useRef<HTMLDivElement>(null);
  useSubscription(
    'stacks:logs',
    { project, tail: TAIL },
    (e) => {
      const fresh = unpackLines(e.batch).map((l) => ({ n: counter.current++, service: e.service, text: l.text, stderr: l.stream === 2 }));
      const skipped = skippedBefore(e.batch, seen.current.get(e.container) ?? 0);
      seen.current.set(e.container, (seen.current.get(e.container) ?? 0) + skipped + e.batch.count);
      if (skipped) setDropped((d) => d + skipped);
      if (fresh.length === 0) return;
      const el = box.current;
      const atBottom = !el || el.scrollHeight - el.scrollTop - el.clientHeight < 24;
      setLines((old) => {
        const all = old.concat(fresh);
        return all.length > MAX_LINES ? all.slice(all.length - MAX_LINES) : all;
      });
      if (atBottom) requestAnimationFrame(() => box.current && (box.current.scrollTop = box.current.scrollHeight));
    },
    setError,
  );
  return (
    <section className="stack-logs" aria-label={`Logs of stack ${project}`}>
      <div className="stack-logs-head">
        <h2>Logs of {project}</h2>
        <span className="muted small-text">
          {lines.length} lines{dropped ? `, ${dropped} skipped (too fast to show)` : ''}
        </span>
        <button type="button" className="small push-right" onClick={onClose} aria-label={`Close the logs of ${project}`}>
          Close
        </button>
      </div>
      <CommandLine command={stackLogsCommand(project, TAIL)} />
      <ErrorText error={error} />
      <div className="stack-log-lines mono" ref={box} data-testid="stack-log-lines" tabIndex={0} role="log" aria-label={`Log lines of ${project}`}>
        {lines.map((l) => (
          <div key={l.n} className={l.stderr ? 'stack-log-line stderr' : 'stack-log-line'}>
            <span className={`stack-log-service c${colourOf(l.service)}`}>{l.service} |</span> {l.text}
          </div>
        ))}
      </div>
    </section>
  );
}
