/**
 * A container's log, followed live. Main batches lines a few times a second and bounds each
 * batch; here the view keeps a fixed window of the most recent lines in a ring, renders only the
 * rows on screen (virtualized), and applies incoming batches at most once per animation frame,
 * so a container printing a million lines as fast as it can never blocks the page. Lines skipped
 * on the way are never hidden: each run of them is a row in place saying how many, with the
 * full log one click away ("Save full log" streams it to a file in main).
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { ApiError, ContainerSummary, LogBatch, LogsSaveResult } from '../../../../main/contract';
import { skippedBefore, unpackLines } from '../../../../main/debug/log-batch';
import { isGap, LogWindow } from '../../../../main/debug/log-window';
import { api, call } from '../../api/client';
import { useSubscription } from '../../api/use-subscription';
import { CommandLine } from '../../components/command-line';
import { ErrorText } from '../../components/error-text';
import { useCommandStore } from '../../stores/command-store';
import { sinceToUnix, type LogsPrefill } from '../../../../main/lessons/command-target';
import { useNavStore } from '../../stores/nav-store';
import { useFixedRows } from './fixed-rows';
import { LogLineView, plainText } from './log-line';

/** Lines kept in the page; older ones are only in the engine (and in a saved file). */
export const LOG_WINDOW = 10_000;
const ROW_HEIGHT = 18;
/** The rows are redrawn at most this often while lines keep coming (see onFrame). */
const RENDER_EVERY_MS = 100;
const SINCE_CHOICES: { label: string; seconds: number | null }[] = [
  { label: 'from the start', seconds: null },
  { label: 'last 1 min', seconds: 60 },
  { label: 'last 10 min', seconds: 600 },
  { label: 'last hour', seconds: 3600 },
  { label: 'last day', seconds: 86400 },
];

interface Counters {
  /** Lines the engine sent on this subscription (main's count). */
  total: number;
  /** Lines that reached this page. */
  received: number;
  /** Lines main skipped because they came faster than a batch can carry. */
  dropped: number;
  ended: boolean;
}

export function LogsTab({ container }: { container: ContainerSummary }) {
  const [tailText, setTailText] = useState('1000');
  const [sinceIdx, setSinceIdx] = useState(0);
  const [timestamps, setTimestamps] = useState(false);
  const [paused, setPaused] = useState(false);
  const [query, setQuery] = useState('');
  const [matchIdx, setMatchIdx] = useState(0);
  const [error, setError] = useState<ApiError | string | null>(null);
  const [saved, setSaved] = useState<LogsSaveResult | null>(null);
  const [saving, setSaving] = useState(false);
  const [version, setVersion] = useState(0);
  // The subscription's "since" is fixed when the choice is made, not recomputed on each render.
  const [sinceAt, setSinceAt] = useState<number | null>(null);
  // A --since from a lesson's command, shown as its own choice ("10m" as written).
  const [sinceFromCommand, setSinceFromCommand] = useState<string | null>(null);
  const [follow, setFollow] = useState(true);

  // "Open in Dockside" on `docker logs [-f] [-t] [--tail N] [--since X] NAME`: the tab does exactly that.
  const params = useNavStore((s) => s.params);
  useEffect(() => {
    const wanted = typeof params.select === 'string' ? params.select : null;
    const prefill = params.logs as LogsPrefill | undefined;
    if (!prefill || !wanted || !(wanted === container.name || wanted === container.id || container.id.startsWith(wanted))) return;
    setFollow(prefill.follow);
    setTimestamps(prefill.timestamps);
    // The CLI prints the whole log without --tail.
    setTailText(prefill.tail ?? 'all');
    const since = prefill.since === undefined ? null : sinceToUnix(prefill.since, Date.now());
    setSinceAt(since);
    setSinceFromCommand(since === null ? null : prefill.since!);
    setSinceIdx(since === null ? 0 : -1);
    if (prefill.since !== undefined && since === null) setError(`--since "${prefill.since}" is not a duration (10m, 1h30m), a date-time or Unix seconds: showing the whole log.`);
    // Applied once per "Open in Dockside" (each click sets new params), not on every render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [params]);

  const ring = useRef(new LogWindow(LOG_WINDOW));
  const held = useRef(new LogWindow(LOG_WINDOW)); // lines that arrived while paused
  const counters = useRef<Counters>({ total: 0, received: 0, dropped: 0, ended: false });
  const frame = useRef<number | null>(null);
  const pausedRef = useRef(paused);
  pausedRef.current = paused;

  const tail: number | 'all' = tailText.trim() === '' || tailText.trim() === 'all' ? 'all' : Number(tailText);
  const tailError = tail !== 'all' && (!Number.isInteger(tail) || tail < 0) ? `Tail "${tailText}" must be a whole number of lines or "all"` : null;
  const args = tailError
    ? null
    : { id: container.id, tail, timestamps, follow, paced: true, ...(sinceAt !== null ? { since: sinceAt } : {}) };
  const subKey = JSON.stringify(args);

  // A new subscription starts a new log view.
  useEffect(() => {
    ring.current.clear();
    held.current.clear();
    counters.current = { total: 0, received: 0, dropped: 0, ended: false };
    setVersion((v) => v + 1);
  }, [subKey]);

  // Main sends more only when told what the page took in. The acknowledgement goes out from an
  // animation frame, so a page that cannot keep up (its frames come late) or is hidden (no frames)
  // is never flooded. Drawing is separate: the rows are redrawn at most every RENDER_EVERY_MS
  // (a line after a quiet spell shows at the next frame; a flood is drawn 10 times a second), so
  // a whole log read does not pay a render, layout and paint per frame on the cores the engine
  // needs (measured on a 200,000-line read, see bench/logs.ts).
  const toAck = useRef<{ flow: string; seq: number } | null>(null);
  const dirty = useRef(false);
  const lastRender = useRef(0);
  const renderTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const onFrame = useCallback(() => {
    frame.current = null;
    const a = toAck.current;
    if (a) {
      toAck.current = null;
      void api().invoke('logs:ack', a);
    }
    if (!dirty.current || renderTimer.current !== null) return;
    const now = performance.now();
    const wait = lastRender.current + RENDER_EVERY_MS - now;
    if (wait > 0) {
      renderTimer.current = setTimeout(() => {
        renderTimer.current = null;
        frame.current ??= requestAnimationFrame(onFrame);
      }, wait);
      return;
    }
    dirty.current = false;
    lastRender.current = now;
    setVersion((v) => v + 1);
  }, []);

  const onBatch = useCallback(
    (b: LogBatch) => {
      const c = counters.current;
      c.total = b.total;
      // Only the newest LOG_WINDOW lines of a batch can stay: the others are counted, not unpacked.
      const before = Math.max(0, b.count - LOG_WINDOW);
      // A batch lost on the way (a slow socket drops events) is a gap too: `through` says where this one starts.
      const skipped = skippedBefore(b, c.received + c.dropped);
      c.received += b.count;
      c.dropped += skipped;
      // A log that ended can continue: main re-opens it when the engine comes back.
      c.ended = b.ended === true;
      (pausedRef.current ? held.current : ring.current).pushBatch(unpackLines(b, before), skipped, before);
      if (b.flow !== undefined && b.seq !== undefined) toAck.current = { flow: b.flow, seq: b.seq };
      dirty.current = true;
      frame.current ??= requestAnimationFrame(onFrame);
    },
    [onFrame],
  );
  useEffect(
    () => () => {
      if (frame.current !== null) cancelAnimationFrame(frame.current);
      if (renderTimer.current !== null) clearTimeout(renderTimer.current);
    },
    [],
  );
  useSubscription('logs:follow', args, onBatch, (e) => setError(e), subKey);

  const resume = () => {
    ring.current.append(held.current);
    held.current.clear();
    setPaused(false);
  };

  const clear = () => {
    ring.current.clear();
    held.current.clear();
    setVersion((v) => v + 1);
  };

  const count = ring.current.length;
  const scrollRef = useRef<HTMLDivElement>(null);
  const rows = useFixedRows({ count, rowHeight: ROW_HEIGHT, overscan: 20, scrollRef, stickToEnd: !paused && !query, version });

  // Search over the window held here (plain text, ANSI codes removed).
  const matches = useMemo(() => {
    if (!query) return [] as number[];
    const q = query.toLowerCase();
    const out: number[] = [];
    for (let i = 0; i < ring.current.length; i++) {
      const item = ring.current.at(i)!;
      if (!isGap(item) && plainText(item.text).toLowerCase().includes(q)) out.push(i);
    }
    return out;
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [query, query ? version : 0]);
  const currentMatch = matches.length ? matches[Math.min(matchIdx, matches.length - 1)]! : -1;

  const goToMatch = (delta: number) => {
    if (!matches.length) return;
    const next = (Math.min(matchIdx, matches.length - 1) + delta + matches.length) % matches.length;
    setMatchIdx(next);
    setPaused(true);
    rows.scrollToIndex(matches[next]!);
  };

  const save = async () => {
    setSaving(true);
    setError(null);
    // Desktop: main asks where with the native dialog. Browser: the server streams a download.
    const r = await call('logs:save', { id: container.id, timestamps });
    setSaving(false);
    if (!r.ok) return setError(r.error);
    setSaved(r.value);
    if (r.value.kind === 'download') {
      const a = document.createElement('a');
      a.href = r.value.url;
      a.download = r.value.fileName;
      a.rel = 'noopener';
      a.click();
    }
    if (r.value.kind !== 'cancelled') useCommandStore.getState().show(`Saved the log of ${container.name}`, r.value.command);
  };

  const c = counters.current;
  const older = ring.current.olderLines;
  const sinceWord = sinceFromCommand !== null && sinceIdx === -1 ? sinceFromCommand : sinceAt !== null ? new Date(sinceAt * 1000).toISOString() : '';
  const command = ['docker logs', follow ? '--follow' : '', tail !== 'all' ? `--tail ${tail}` : '', sinceWord ? `--since ${sinceWord}` : '', timestamps ? '--timestamps' : '', container.name]
    .filter(Boolean)
    .join(' ');

  return (
    <div className="debug-logs" data-testid="logs-tab" data-total={c.total} data-received={c.received} data-dropped={c.dropped} data-ended={c.ended} data-older={older}>
      <div className="log-toolbar" role="toolbar" aria-label="Log options">
        <label>
          Tail{' '}
          <input value={tailText} onChange={(e) => setTailText(e.target.value)} size={7} aria-invalid={tailError ? true : undefined} aria-label="Tail: number of last lines, or all" />
        </label>
        <label>
          Since{' '}
          <select
            value={sinceIdx}
            onChange={(e) => {
              const i = Number(e.target.value);
              setSinceIdx(i);
              if (i === -1) {
                setSinceAt(sinceFromCommand === null ? null : sinceToUnix(sinceFromCommand, Date.now()));
                return;
              }
              const s = SINCE_CHOICES[i]!.seconds;
              setSinceAt(s === null ? null : Math.floor(Date.now() / 1000) - s);
            }}
          >
            {sinceFromCommand !== null && <option value={-1}>{sinceFromCommand} (from the command)</option>}
            {SINCE_CHOICES.map((s, i) => (
              <option key={s.label} value={i}>
                {s.label}
              </option>
            ))}
          </select>
        </label>
        <label>
          <input type="checkbox" checked={timestamps} onChange={(e) => setTimestamps(e.target.checked)} /> Timestamps
        </label>
        <label title="Without it, the log is read once (docker logs without -f)">
          <input type="checkbox" checked={follow} onChange={(e) => setFollow(e.target.checked)} /> Follow
        </label>
        <button type="button" onClick={() => (paused ? resume() : setPaused(true))} aria-pressed={paused}>
          {paused ? `Resume following${held.current.length ? ` (${held.current.length} new)` : ''}` : 'Pause'}
        </button>
        <button type="button" onClick={clear}>
          Clear
        </button>
        <label>
          Search{' '}
          <input
            type="search"
            value={query}
            onChange={(e) => {
              setQuery(e.target.value);
              setMatchIdx(0);
            }}
            onKeyDown={(e) => {
              if (e.key === 'Enter') goToMatch(e.shiftKey ? -1 : 1);
            }}
            aria-label="Search the log"
          />
        </label>
        <button type="button" onClick={() => goToMatch(-1)} disabled={!matches.length} aria-label="Previous match">
          ↑
        </button>
        <button type="button" onClick={() => goToMatch(1)} disabled={!matches.length} aria-label="Next match">
          ↓
        </button>
        <span className="muted" data-testid="log-matches" aria-live="polite">
          {query ? (matches.length ? `${Math.min(matchIdx, matches.length - 1) + 1} of ${matches.length}` : 'no match') : ''}
        </span>
      </div>
      <ErrorText error={tailError ?? error} />
      <CommandLine command={command} />
      <div
        ref={scrollRef}
        className="log-scroll"
        role="log"
        aria-label={`Log of ${container.name}`}
        tabIndex={0}
        onWheel={(e) => {
          if (e.deltaY < 0 && !paused) setPaused(true);
        }}
        onScroll={rows.onScroll}
      >
        <div style={{ height: rows.totalHeight, position: 'relative' }}>
          {rowIndexes(rows.first, rows.last).map((index) => {
            const line = ring.current.at(index);
            if (!line) return null;
            // Keyed by position in the window: while following, the same row elements get new text each frame.
            const row = { index, key: index, start: index * ROW_HEIGHT };
            if (isGap(line))
              return (
                <div
                  key={row.key}
                  className="log-row log-gap"
                  data-testid="log-gap"
                  data-lines={line.gap}
                  style={{ position: 'absolute', top: 0, left: 0, width: '100%', height: ROW_HEIGHT, transform: `translateY(${row.start}px)` }}
                >
                  … {line.gap.toLocaleString()} line{line.gap === 1 ? '' : 's'} not shown (they came faster than the view can show) —{' '}
                  <button type="button" className="link" onClick={save} disabled={saving}>
                    Save the full log
                  </button>
                </div>
              );
            return (
              <div
                key={row.key}
                className={`log-row${line.stream === 2 ? ' stderr' : ''}${row.index === currentMatch ? ' current-match' : ''}`}
                data-testid="log-row"
                style={{ position: 'absolute', top: 0, left: 0, width: '100%', height: ROW_HEIGHT, transform: `translateY(${row.start}px)` }}
              >
                <span className="log-stream" aria-label={line.stream === 2 ? 'stderr' : 'stdout'}>
                  {line.stream === 2 ? 'err' : 'out'}
                </span>
                <LogLineView line={line} query={query} current={row.index === currentMatch} showTimestamps={timestamps} />
              </div>
            );
          })}
        </div>
      </div>
      <p className="muted log-note" data-testid="log-note">
        Showing the newest {ring.current.lines.toLocaleString()} lines (at most {LOG_WINDOW.toLocaleString()} rows are kept here
        {older > 0 ? `; the ${older.toLocaleString()} lines before them are not kept in this view` : ''}
        {c.dropped > 0 ? `; ${c.dropped.toLocaleString()} lines came too fast to show and are marked where they belong` : ''}). {c.ended ? 'The log ended.' : ''} The
        full log is kept only in the engine and in a saved file.
      </p>
      <div className="log-save">
        <button type="button" onClick={save} disabled={saving}>
          {saving ? 'Saving…' : 'Save full log…'}
        </button>
        {saved?.kind === 'saved' && (
          <span data-testid="log-saved">
            Saved {saved.lines.toLocaleString()} lines to <code>{saved.path}</code>
          </span>
        )}
        {saved?.kind === 'download' && (
          <span data-testid="log-saved">
            Downloading <code>{saved.fileName}</code>: your browser saves it (see its downloads).
          </span>
        )}
      </div>
    </div>
  );
}

function rowIndexes(first: number, last: number): number[] {
  const out: number[] = [];
  for (let i = first; i <= last; i++) out.push(i);
  return out;
}
