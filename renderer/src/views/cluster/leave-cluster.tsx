import { useState } from 'react';
import type { ApiError, ClusterSnapshot } from '../../../../main/contract';
import { call } from '../../api/client';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { ErrorText } from '../../components/error-text';
import { useCommandStore } from '../../stores/command-store';

/** `docker swarm leave --force`, after saying exactly what goes with it. */
export function LeaveCluster({ snapshot }: { snapshot: ClusterSnapshot }) {
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const services = snapshot.services;
  const leave = async () => {
    setBusy(true);
    setError(null);
    const r = await call('cluster:leave', { confirmServices: services.length > 0 });
    setBusy(false);
    setAsking(false);
    if (!r.ok) {
      setError(r.error);
      return;
    }
    useCommandStore.getState().show('Left the cluster', r.value.command);
  };
  return (
    <>
      <button type="button" className="danger" onClick={() => setAsking(true)}>
        Leave the cluster…
      </button>
      <ErrorText error={error} />
      {asking && (
        <ConfirmDialog title="Leave the cluster?" confirmLabel={busy ? 'Leaving…' : 'Leave the cluster'} danger busy={busy} onConfirm={() => void leave()} onCancel={() => setAsking(false)}>
          <p>
            This engine stops being a cluster node{snapshot.info.nodes > 1 ? `; the other ${snapshot.info.nodes - 1} node(s) lose this manager` : ''}.
          </p>
          {services.length ? (
            <>
              <p>
                These services and all their containers will be <strong>removed</strong>:
              </p>
              <ul>
                {services.map((s) => (
                  <li key={s.id}>
                    <code>{s.name}</code> ({s.running} running, image <code>{s.image}</code>)
                  </li>
                ))}
              </ul>
            </>
          ) : (
            <p>No services run in it.</p>
          )}
          <p>
            The <code>ingress</code> network goes too{snapshot.info.createdByDockside ? ', and Dockside removes the docker_gwbridge network if it was not there before the cluster' : ''}. Images, volumes and
            other containers stay.
          </p>
          <pre className="command">docker swarm leave --force</pre>
        </ConfirmDialog>
      )}
    </>
  );
}
