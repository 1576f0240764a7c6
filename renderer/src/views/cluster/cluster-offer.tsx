import { useState } from 'react';
import type { ApiError, ClusterInfo } from '../../../../main/contract';
import { call } from '../../api/client';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { ErrorText } from '../../components/error-text';
import { useCommandStore } from '../../stores/command-store';
import { Field } from './field';

/** Shown while the engine is not in a cluster: what Swarm mode is, and a way in that asks first. */
export function ClusterOffer({ info }: { info: ClusterInfo }) {
  const [addr, setAddr] = useState('127.0.0.1');
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const loopback = /^127\.|^::1$/.test(addr.trim());
  const command = `docker swarm init --advertise-addr=${addr.trim() || '…'} --listen-addr=${loopback ? addr.trim() : '0.0.0.0'}:2377`;

  const start = async () => {
    setBusy(true);
    setError(null);
    const r = await call('cluster:init', { advertiseAddr: addr.trim() });
    setBusy(false);
    setAsking(false);
    if (!r.ok) {
      setError(r.error);
      return;
    }
    useCommandStore.getState().show('Started a single-node cluster', r.value.command);
  };

  return (
    <div className="cluster-offer">
      {info.state === 'inactive' ? (
        <p>
          This engine is not part of a cluster. A <strong>cluster</strong> is several engines (nodes) run as one: you tell it what should run (a <em>service</em>:
          an image and how many copies), and it keeps that many containers (<em>tasks</em>) running, replacing them one by one when you ship a new version. Docker's
          own cluster mode is called <strong>Swarm</strong>, and one engine alone is enough to try it.
        </p>
      ) : (
        <p className="error-text">
          This engine's cluster state is <strong>{info.state}</strong>
          {info.error ? `: ${info.error}` : ''}.
        </p>
      )}
      {info.state === 'inactive' && (
        <form
          className="form-row"
          aria-label="Start a single-node cluster"
          onSubmit={(e) => {
            e.preventDefault();
            setAsking(true);
          }}
        >
          <Field label="Advertise address" field="advertiseAddr" error={error} hint="127.0.0.1 keeps the cluster to this machine.">
            <input value={addr} onChange={(e) => setAddr(e.target.value)} aria-invalid={error?.field === 'advertiseAddr'} />
          </Field>
          <button type="submit" className="primary">
            Start a single-node cluster on this engine…
          </button>
        </form>
      )}
      {error && error.field !== 'advertiseAddr' && <ErrorText error={error} />}
      {asking && (
        <ConfirmDialog title="Start a single-node cluster?" confirmLabel={busy ? 'Starting…' : 'Start the cluster'} busy={busy} onConfirm={() => void start()} onCancel={() => setAsking(false)}>
          <p>This engine becomes the manager of a new one-node cluster. What changes:</p>
          <ul>
            <li>
              The engine listens for other nodes on port 2377 {loopback ? 'on this machine only' : 'on every network interface'}, and keeps the cluster's state in its data
              folder.
            </li>
            <li>
              It adds an <code>ingress</code> network and, with the first task, a <code>docker_gwbridge</code> network.
            </li>
            <li>Your containers, images and volumes are not touched.</li>
          </ul>
          <p>
            To undo it, use <strong>Leave the cluster</strong> here (or <code>docker swarm leave --force</code>): services and their containers go, and Dockside removes{' '}
            <code>docker_gwbridge</code> if it was not there before.
          </p>
          <p>Same in a terminal:</p>
          <pre className="command">{command}</pre>
        </ConfirmDialog>
      )}
    </div>
  );
}
