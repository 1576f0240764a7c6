import { useEffect, useState } from 'react';
import type { ApiError, ClusterService, ClusterSnapshot, ClusterUpdateConfig } from '../../../../main/contract';
import { call } from '../../api/client';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { ErrorText } from '../../components/error-text';
import { TableHead } from '../../components/table-head';
import { VirtualBodies } from '../../components/virtual-rows';
import { useCommandStore } from '../../stores/command-store';
import { Field } from './field';
import { ProbeStrip } from './probe-strip';
import { RolloutLanes } from './rollout-lanes';
import type { RolloutHistory } from './rollout-history';
import { UpdateSettings } from './update-settings';
import { updateStatusText } from './update-status';

/** One service: its update state, actions (scale, new image, roll back, remove), tasks over time and HTTP answers. */
export function ServicePanel({ service, snapshot, history, onRemoved }: { service: ClusterService; snapshot: ClusterSnapshot; history: RolloutHistory; onRemoved: () => void }) {
  const [replicas, setReplicas] = useState(String(service.desired));
  const [image, setImage] = useState(service.image);
  const [update, setUpdate] = useState<ClusterUpdateConfig>(service.updateConfig);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [confirmRemove, setConfirmRemove] = useState(false);
  useEffect(() => {
    setReplicas(String(service.desired));
    setImage(service.image);
    setUpdate(service.updateConfig);
    setError(null);
    // Only when another service is chosen: live updates must not overwrite what the user is typing.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [service.id]);

  const act = async (what: string, label: string, run: () => ReturnType<typeof call<'cluster:scale'>>) => {
    setBusy(what);
    setError(null);
    const r = await run();
    setBusy(null);
    if (!r.ok) {
      setError(r.error);
      return false;
    }
    useCommandStore.getState().show(label, r.value.command);
    return true;
  };

  const status = updateStatusText(service);
  const tasks = snapshot.tasks.filter((t) => t.serviceId === service.id);
  const nodeName = (id: string) => snapshot.nodes.find((n) => n.id === id)?.hostname ?? id.slice(0, 12);
  const hasPorts = service.ports.some((p) => p.protocol === 'tcp');

  return (
    <section className="service-panel" aria-labelledby="service-panel-title">
      <h2 id="service-panel-title">
        Service <code>{service.name}</code>
      </h2>
      <p className={`update-status ${status.tone}`} data-testid="update-status" role="status">
        {status.text}
      </p>
      <h3>Tasks over time</h3>
      <RolloutLanes history={history} now={snapshot.at} />
      {hasPorts ? <ProbeStrip service={service.id} images={history.images} /> : <p className="muted">This service publishes no TCP port, so there are no HTTP answers to show.</p>}

      <div className="service-actions">
        <form
          className="form-row"
          aria-label="Scale"
          onSubmit={(e) => {
            e.preventDefault();
            if (!/^-?\d+$/.test(replicas.trim())) return setError({ code: 'invalid-argument', field: 'replicas', message: 'Replicas must be a whole number' });
            void act('scale', `Scaled ${service.name} to ${replicas}`, () => call('cluster:scale', { id: service.id, replicas: Number(replicas) }));
          }}
        >
          <Field label="Replicas" field="replicas" error={error}>
            <input value={replicas} onChange={(e) => setReplicas(e.target.value)} size={4} inputMode="numeric" aria-invalid={error?.field === 'replicas'} />
          </Field>
          <button type="submit" disabled={busy !== null}>
            {busy === 'scale' ? 'Scaling…' : 'Scale'}
          </button>
        </form>
        <form
          className="form-col"
          aria-label="Update the image"
          onSubmit={(e) => {
            e.preventDefault();
            void act('update', `Updating ${service.name} to ${image.trim()}`, () => call('cluster:update-image', { id: service.id, image: image.trim(), update }));
          }}
        >
          <Field label="New image" field="image" error={error} hint="A rolling update replaces the tasks with this image.">
            <input value={image} onChange={(e) => setImage(e.target.value)} aria-invalid={error?.field === 'image'} list="cluster-images" />
          </Field>
          <UpdateSettings value={update} onChange={setUpdate} prefix="update" />
          <div className="form-row">
            <button type="submit" className="primary" disabled={busy !== null}>
              {busy === 'update' ? 'Starting the update…' : 'Update image'}
            </button>
            <button
              type="button"
              disabled={busy !== null || !service.previousImage}
              title={service.previousImage ? `Back to ${service.previousImage}` : 'Nothing to roll back to yet'}
              onClick={() => void act('rollback', `Rolling back ${service.name}`, () => call('cluster:rollback', { id: service.id }))}
            >
              {busy === 'rollback' ? 'Rolling back…' : `Roll back${service.previousImage ? ` to ${service.previousImage}` : ''}`}
            </button>
            <button type="button" className="danger" disabled={busy !== null} onClick={() => setConfirmRemove(true)}>
              Remove service…
            </button>
          </div>
        </form>
      </div>
      {error && !['replicas', 'image'].includes(error.field ?? '') && <ErrorText error={error} />}

      <h3>Tasks now</h3>
      <table className="table compact" aria-label={`Tasks of ${service.name}`}>
        <TableHead columns={['Slot', 'Node', 'Desired', 'Current', 'Image', 'Port', 'Error']} />
        <VirtualBodies
          items={tasks}
          columns={7}
          estimate={36}
          keyOf={(t) => t.id}
          render={(t) => (
            <tr key={t.id} data-testid="task-row">
              <td>{t.slot ?? '–'}</td>
              <td>{nodeName(t.nodeId)}</td>
              <td>{t.desiredState}</td>
              <td>
                <span className={`badge state-${t.state}`}>{t.state}</span> <span className="muted">{t.message}</span>
              </td>
              <td>
                <code>{t.image}</code>
              </td>
              <td>{t.ports.map((p) => p.publishedPort).join(', ')}</td>
              <td className="error-text">{t.error ?? ''}</td>
            </tr>
          )}
        />
      </table>
      {confirmRemove && (
        <ConfirmDialog
          title={`Remove service ${service.name}?`}
          confirmLabel={busy === 'remove' ? 'Removing…' : 'Remove service'}
          danger
          busy={busy === 'remove'}
          onCancel={() => setConfirmRemove(false)}
          onConfirm={() =>
            void act('remove', `Removed service ${service.name}`, () => call('cluster:remove-service', { id: service.id })).then((ok) => {
              setConfirmRemove(false);
              if (ok) onRemoved();
            })
          }
        >
          <p>
            The cluster stops its {service.running} running task{service.running === 1 ? '' : 's'} and removes their containers. The image <code>{service.image}</code> stays.
          </p>
          <pre className="command">docker service rm {service.name}</pre>
        </ConfirmDialog>
      )}
    </section>
  );
}
