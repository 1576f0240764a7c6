import { useState } from 'react';
import type { ContainerSummary } from '../../../../main/contract';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { ErrorText } from '../../components/error-text';
import { removeContainerConfirmed } from './container-actions';

/** Asks before removing; a running container needs an explicit "stop it and remove" tick. */
export function RemoveContainerDialog({ container, onDone }: { container: ContainerSummary; onDone(): void }) {
  const running = container.state === 'running' || container.state === 'restarting' || container.state === 'paused';
  const [force, setForce] = useState(false);
  const [removeVolumes, setRemoveVolumes] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const anonymousVolumes = container.mounts.filter((m) => m.type === 'volume').length;
  return (
    <ConfirmDialog
      title={`Remove container ${container.name}?`}
      confirmLabel={running ? 'Stop and remove' : 'Remove'}
      danger
      busy={busy || (running && !force)}
      onCancel={onDone}
      onConfirm={async () => {
        setBusy(true);
        const err = await removeContainerConfirmed(container, force, removeVolumes);
        setBusy(false);
        if (err) setError(err);
        else onDone();
      }}
    >
      <p>
        The container and any changes made inside its filesystem are deleted. The image <code>{container.image}</code> stays.
      </p>
      {running && (
        <label className="check">
          <input type="checkbox" checked={force} onChange={(e) => setForce(e.target.checked)} />
          It is running: kill it first (<code>--force</code>)
        </label>
      )}
      {anonymousVolumes > 0 && (
        <label className="check">
          <input type="checkbox" checked={removeVolumes} onChange={(e) => setRemoveVolumes(e.target.checked)} />
          Also remove its anonymous volumes (<code>--volumes</code>); named volumes always stay
        </label>
      )}
      <ErrorText error={error} />
    </ConfirmDialog>
  );
}
