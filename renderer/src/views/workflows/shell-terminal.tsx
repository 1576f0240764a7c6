import { FitAddon } from '@xterm/addon-fit';
import { Terminal } from '@xterm/xterm';
import '@xterm/xterm/css/xterm.css';
import { useEffect, useRef, useState } from 'react';
import type { ApiError, ContainerSummary, ShellEvent } from '../../../../main/contract';
import { call } from '../../api/client';
import { useSubscription } from '../../api/use-subscription';
import { CommandLine } from '../../components/command-line';
import { ErrorText } from '../../components/error-text';

function decode(b64: string): Uint8Array {
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/**
 * A live shell (xterm.js) in a running container. The exec session is a subscription: it lives
 * while this tab is on screen, and closing the tab ends it.
 */
export default function ShellTerminal({ container, learnerAsked }: { container: ContainerSummary; learnerAsked: boolean }) {
  const running = container.state === 'running';
  // A shell starts by itself only when the learner clicked this tab (shell-tab.tsx); a tab a
  // lesson opened waits for the button, so it never counts as the learner's `docker exec -it ... sh`.
  const [open, setOpen] = useState(learnerAsked);
  if (!running) {
    return (
      <p className="muted" role="status">
        {container.name} is {container.state}: a shell runs inside the container's processes, so start it first.
      </p>
    );
  }
  return open ? (
    <LiveShell container={container} onClose={() => setOpen(false)} />
  ) : (
    <button type="button" onClick={() => setOpen(true)}>
      Open a shell
    </button>
  );
}

function LiveShell({ container, onClose }: { container: ContainerSummary; onClose: () => void }) {
  const host = useRef<HTMLDivElement>(null);
  const term = useRef<Terminal | null>(null);
  const fit = useRef<FitAddon | null>(null);
  const session = useRef<string | null>(null);
  // Keys typed before the session exists are sent once it starts (bounded).
  const pending = useRef('');
  const [started, setStarted] = useState<Extract<ShellEvent, { type: 'started' }> | null>(null);
  const [ended, setEnded] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [size] = useState(() => ({ cols: 100, rows: 24 }));

  useEffect(() => {
    const t = new Terminal({ cols: size.cols, rows: size.rows, cursorBlink: true, convertEol: false, fontSize: 13, scrollback: 2000 });
    const f = new FitAddon();
    t.loadAddon(f);
    t.open(host.current!);
    term.current = t;
    fit.current = f;
    try {
      f.fit();
    } catch {
      // Not laid out yet.
    }
    size.cols = t.cols;
    size.rows = t.rows;
    const onData = t.onData((data) => {
      if (session.current) void call('exec:input', { sessionId: session.current, data });
      else if (pending.current.length < 4096) pending.current += data;
    });
    const onResize = t.onResize(({ cols, rows }) => {
      if (session.current) void call('exec:resize', { sessionId: session.current, cols, rows });
    });
    // Ctrl+Shift+C / Ctrl+Shift+V copy and paste (plain Ctrl+C goes to the shell as an interrupt).
    t.attachCustomKeyEventHandler((e) => {
      if (e.type === 'keydown' && e.ctrlKey && e.shiftKey && e.code === 'KeyC') {
        void navigator.clipboard.writeText(t.getSelection()).catch(() => undefined);
        return false;
      }
      if (e.type === 'keydown' && e.ctrlKey && e.shiftKey && e.code === 'KeyV') {
        void navigator.clipboard.readText().then((x) => t.paste(x), () => undefined);
        return false;
      }
      return true;
    });
    const ro = new ResizeObserver(() => {
      try {
        f.fit();
      } catch {
        // Hidden.
      }
    });
    ro.observe(host.current!);
    t.focus();
    return () => {
      ro.disconnect();
      onData.dispose();
      onResize.dispose();
      t.dispose();
      term.current = null;
    };
  }, [size]);

  useSubscription(
    'exec:shell',
    { id: container.id, cols: size.cols, rows: size.rows },
    (e) => {
      if (e.type === 'started') {
        session.current = e.sessionId;
        setStarted(e);
        if (pending.current) {
          void call('exec:input', { sessionId: e.sessionId, data: pending.current });
          pending.current = '';
        }
        // The terminal may have been fitted before the session existed.
        const t = term.current;
        if (t && (t.cols !== size.cols || t.rows !== size.rows)) void call('exec:resize', { sessionId: e.sessionId, cols: t.cols, rows: t.rows });
      } else if (e.type === 'output') term.current?.write(decode(e.data));
      else {
        session.current = null;
        setEnded(`The shell exited${e.exitCode === null ? '' : ` with code ${e.exitCode}`}.`);
      }
    },
    (e) => setError(e),
    container.id,
  );

  return (
    <section className="wf-shell" aria-label={`Shell in ${container.name}`}>
      <div className="wf-row">
        {started && <CommandLine command={started.command} />}
        <button type="button" className="small" onClick={() => void navigator.clipboard.writeText(term.current?.getSelection() ?? '').catch(() => undefined)}>
          Copy selection
        </button>
        <button
          type="button"
          className="small"
          onClick={() => void navigator.clipboard.readText().then((x) => term.current?.paste(x), () => undefined)}
        >
          Paste
        </button>
        <button type="button" className="small" onClick={onClose}>
          Close shell
        </button>
      </div>
      <ErrorText error={error} />
      {ended && <p role="status">{ended}</p>}
      <div ref={host} className="wf-terminal" data-testid="shell-terminal" aria-label="Terminal" />
      <p className="muted wf-hint">Ctrl+Shift+C copies the selection, Ctrl+Shift+V pastes. Closing the shell ends the exec session.</p>
    </section>
  );
}
