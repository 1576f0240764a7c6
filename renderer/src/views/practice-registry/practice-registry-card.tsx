/**
 * The practice registry for lessons 18-19: one click starts a real registry on this machine (a
 * container Dockside labels as its own), with a practice user and password to log in with; the
 * same place removes it. Docker Hub is this same program, run for everyone on the internet.
 */
import { useCallback, useEffect, useState } from 'react';
import type { ApiError, PracticeRegistryStatus } from '../../../../main/contract';
import { call } from '../../api/client';
import { CommandLine } from '../../components/command-line';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { ErrorText } from '../../components/error-text';
import { useCommandStore } from '../../stores/command-store';
import { usePracticeRegistryStore } from './practice-registry-store';

const PLAN_TEXT: Record<PracticeRegistryStatus['imagePlan'], string> = {
  local: 'Its image (dockside-practice-registry:2.8) is already on this engine.',
  'built-from-host':
    "Its image is built here, in a few seconds, from this computer's docker-registry program (Debian's package of the same code as Docker Hub's registry:2): nothing is downloaded.",
  pull: 'Its image, registry:2, is pulled from Docker Hub the first time (about 10 MB).',
};

export function PracticeRegistryCard({ onUseForLogin }: { onUseForLogin?: (s: { host: string; username: string; password: string }) => void }) {
  const status = usePracticeRegistryStore((s) => s.status);
  const setStatus = usePracticeRegistryStore((s) => s.set);
  const [busy, setBusy] = useState<'start' | 'stop' | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [commands, setCommands] = useState<string[]>([]);
  const [confirmStop, setConfirmStop] = useState(false);

  const refresh = useCallback(async () => {
    const r = await call('practice:status', {});
    if (r.ok) setStatus(r.value);
    else setError(r.error);
  }, [setStatus]);
  useEffect(() => {
    void refresh();
  }, [refresh]);

  const start = async () => {
    setBusy('start');
    setError(null);
    const r = await call('practice:start', {});
    setBusy(null);
    if (!r.ok) return setError(r.error);
    setStatus(r.value.status);
    setCommands(r.value.commands);
    useCommandStore.getState().show(`Started the practice registry on ${r.value.status.host ?? 'a local port'}`, r.value.commands.find((c) => c.startsWith('docker create')) ?? r.value.commands[0] ?? '');
  };
  const stop = async () => {
    setConfirmStop(false);
    setBusy('stop');
    const r = await call('practice:stop', {});
    setBusy(null);
    if (!r.ok) return setError(r.error);
    setCommands([]);
    useCommandStore.getState().show('Removed the practice registry', r.value.command);
    void refresh();
  };

  const running = status?.running && status.host;
  return (
    <section className="practice-registry" aria-labelledby="practice-h" data-testid="practice-registry">
      <h2 id="practice-h">Practice registry</h2>
      <p className="muted">
        A registry is a server that stores images by name and tag. Docker Hub is one on the internet; this one runs on your computer, in
        a container, so you can practise <code>docker login</code>, <code>push</code> and <code>pull</code> without an account.
      </p>
      {running ? (
        <>
          <dl className="practice-facts">
            <dt>Address</dt>
            <dd className="mono" data-testid="practice-host">{status.host}</dd>
            <dt>User</dt>
            <dd className="mono" data-testid="practice-user">{status.username}</dd>
            <dt>Password</dt>
            <dd className="mono" data-testid="practice-password">{status.password}</dd>
          </dl>
          <p className="muted small-text">A practice password, shown on purpose: it guards only this exercise. Images you push live inside the container.</p>
          <div className="form-row">
            {onUseForLogin && status.username && status.password && (
              <button type="button" className="primary" onClick={() => onUseForLogin({ host: status.host!, username: status.username!, password: status.password! })}>
                Fill the login form
              </button>
            )}
            <button type="button" className="danger" onClick={() => setConfirmStop(true)} disabled={busy !== null}>
              {busy === 'stop' ? 'Removing…' : 'Remove practice registry…'}
            </button>
          </div>
          <p className="small-text">
            In a terminal: <code>docker login {status.host}</code>, then tag an image with the address in front, e.g.{' '}
            <code>docker tag helloworld:latest {status.host}/helloworld:1.0.0</code>, and <code>docker push {status.host}/helloworld:1.0.0</code>.
          </p>
        </>
      ) : (
        <>
          {status && <p className="small-text">{PLAN_TEXT[status.imagePlan]}</p>}
          <button type="button" className="primary" onClick={start} disabled={busy !== null}>
            {busy === 'start' ? 'Starting…' : 'Start practice registry'}
          </button>
        </>
      )}
      <ErrorText error={error} />
      {commands.length > 0 && (
        <details>
          <summary>The docker commands that did this</summary>
          {commands.map((c) => (
            <CommandLine key={c} command={c} />
          ))}
        </details>
      )}
      {confirmStop && (
        <ConfirmDialog title="Remove the practice registry?" confirmLabel="Remove" danger onConfirm={() => void stop()} onCancel={() => setConfirmStop(false)}>
          <p>
            The registry container and every image pushed to it are deleted. Images on your engine (the ones you built or pulled) stay.
          </p>
        </ConfirmDialog>
      )}
    </section>
  );
}
