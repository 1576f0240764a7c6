import { useEffect, useRef, useState } from 'react';
import type { ApiError } from '../../../../main/contract';
import { call } from '../../api/client';
import { ErrorText } from '../../components/error-text';
import { useCommandStore } from '../../stores/command-store';
import type { LiveRun } from './run-output';

/**
 * Asked when the run dialog is closed while its attached container still runs: closing a
 * terminal's `docker run` would end it too, so the dialog never leaves it running silently.
 */
export function StopOrLeave({ run, onBack, onDone }: { run: LiveRun; onBack: () => void; onDone: () => void }) {
  const [stopping, setStopping] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const first = useRef<HTMLButtonElement>(null);
  useEffect(() => first.current?.focus(), []);
  const stop = async () => {
    setStopping(true);
    setError(null);
    const r = await call('containers:stop', { id: run.id });
    setStopping(false);
    if (!r.ok) {
      setError(r.error);
      return;
    }
    useCommandStore.getState().show(`Stopped ${run.name}`, r.value.command);
    onDone();
  };
  return (
    <div className="wf-stop-or-leave" role="group" aria-labelledby="wf-stop-q" data-testid="stop-or-leave">
      <p id="wf-stop-q">
        <strong>{run.name}</strong> is still running. Stop it (<code>docker stop {run.name}</code>), or leave it running in the
        background (it keeps running, as if started with <code>-d</code>)?
      </p>
      <ErrorText error={error} />
      <div className="dialog-actions">
        <button type="button" onClick={onBack} disabled={stopping}>
          Keep watching
        </button>
        <button type="button" onClick={onDone} disabled={stopping}>
          Leave it running
        </button>
        <button type="button" ref={first} className="primary" onClick={() => void stop()} disabled={stopping}>
          {stopping ? 'Stopping…' : 'Stop it'}
        </button>
      </div>
    </div>
  );
}
