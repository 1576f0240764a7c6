import { useState } from 'react';
import type { ApiError, ContainerSummary, ExecOutput } from '../../../../main/contract';
import { call } from '../../api/client';
import { CommandLine } from '../../components/command-line';
import { ErrorText } from '../../components/error-text';
import { quote } from 'shell-quote';
import { useCommandStore } from '../../stores/command-store';
import { useNavStore } from '../../stores/nav-store';

/** One-off commands in a running container: output with stdout and stderr apart, exit code. */
export function ExecTab({ container }: { container: ContainerSummary }) {
  // A lesson's "Open in Dockside" on `docker exec box ls` pre-fills exactly that command.
  const [command, setCommand] = useState(() => {
    const p = useNavStore.getState().params;
    const mine = typeof p.select === 'string' && (p.select === container.name || container.id.startsWith(p.select));
    return mine && Array.isArray(p.execCommand) ? quote(p.execCommand.map(String)) : 'ls -l /';
  });
  const [out, setOut] = useState<ExecOutput | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const running = container.state === 'running';
  const run = async () => {
    setBusy(true);
    setError(null);
    const r = await call('exec:run', { id: container.id, command });
    setBusy(false);
    if (!r.ok) {
      setError(r.error);
      return;
    }
    setOut(r.value);
    useCommandStore.getState().show(`Ran ${command} in ${container.name}`, r.value.command);
  };
  return (
    <section className="wf-exec" aria-label={`Exec in ${container.name}`}>
      {!running && (
        <p className="muted" role="status">
          {container.name} is {container.state}: exec joins a running container, so start it first.
        </p>
      )}
      <form
        className="wf-row"
        onSubmit={(e) => {
          e.preventDefault();
          void run();
        }}
      >
        <label>
          Command to run
          <input className="wf-wide" value={command} onChange={(e) => setCommand(e.target.value)} spellCheck={false} placeholder="netstat -ltn" />
        </label>
        <button type="submit" className="primary" disabled={busy || !running || !command.trim()}>
          {busy ? 'Running…' : 'Run command'}
        </button>
      </form>
      <ErrorText error={error} />
      {out && (
        <>
          <CommandLine command={out.command} />
          <p data-testid="exec-exit-code">
            Exit code: <strong>{out.exitCode ?? 'still running (stopped waiting)'}</strong> <span className="wf-stdout">stdout</span> <span className="wf-stderr">stderr</span>
          </p>
          <pre className="wf-exec-output" data-testid="exec-output">
            {out.chunks.map((c, i) => (
              <span key={i} className={`wf-${c.stream}`} data-stream={c.stream} title={c.stream}>
                {c.text}
              </span>
            ))}
            {out.truncated && <span className="muted">{'\n'}(output cut at 1 MiB)</span>}
          </pre>
        </>
      )}
    </section>
  );
}
