import { useRef, useState } from 'react';
import type { ApiError, ClusterSnapshot } from '../../../../main/contract';
import { useSubscription } from '../../api/use-subscription';
import { ErrorText } from '../../components/error-text';
import { TableHead } from '../../components/table-head';
import { VirtualBodies } from '../../components/virtual-rows';
import { ClusterOffer } from './cluster-offer';
import { CreateServiceForm } from './create-service-form';
import { LeaveCluster } from './leave-cluster';
import { addReading, emptyHistory, type RolloutHistory } from './rollout-history';
import { ServicePanel } from './service-panel';
import { updateStatusText } from './update-status';

/**
 * The cluster (Swarm mode): nodes, services and their tasks, live. Offered (with consent) when
 * the engine is not in a cluster; a rolling update can be watched slot by slot while it happens.
 */
export function ClusterView() {
  const [snap, setSnap] = useState<ClusterSnapshot | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  // Per service: the tasks seen over time (the engine keeps no timeline of its own).
  const histories = useRef(new Map<string, RolloutHistory>());

  useSubscription(
    'cluster:watch',
    {},
    (s) => {
      for (const svc of s.services) histories.current.set(svc.id, addReading(histories.current.get(svc.id) ?? emptyHistory(), s, svc.id));
      setSnap(s);
      setError(null);
    },
    setError,
  );

  if (!snap) {
    return (
      <section className="view cluster-view">
        <h1>Cluster</h1>
        <ErrorText error={error} />
        {!error && <p>Reading the cluster…</p>}
      </section>
    );
  }
  const active = snap.info.state === 'active';
  const chosen = snap.services.find((s) => s.id === selected || s.name === selected) ?? null;

  return (
    <section className="view cluster-view">
      <div className="view-header">
        <h1>Cluster</h1>
        {active && (
          <span className="muted" data-testid="cluster-summary">
            Swarm mode · {snap.info.isManager ? 'manager' : 'worker'} · {snap.info.nodes} node{snap.info.nodes === 1 ? '' : 's'} · {snap.services.length} service
            {snap.services.length === 1 ? '' : 's'}
          </span>
        )}
        {active && <LeaveCluster snapshot={snap} />}
      </div>
      <ErrorText error={error} />
      {!active ? (
        <ClusterOffer info={snap.info} />
      ) : !snap.info.isManager ? (
        <p>This engine is a worker node: it runs tasks but cannot list or change services. Connect Dockside to a manager node to see the whole cluster.</p>
      ) : (
        <>
          <h2>Nodes</h2>
          <table className="table compact" aria-label="Nodes">
            <TableHead columns={['Host', 'Role', 'Availability', 'Status', 'Engine', 'Address']} />
            <tbody>
              {snap.nodes.map((n) => (
                <tr key={n.id} data-testid="node-row">
                  <td>
                    {n.hostname}
                    {n.self ? ' (this engine)' : ''}
                  </td>
                  <td>
                    {n.role}
                    {n.leader ? ', leader' : ''}
                  </td>
                  <td>{n.availability}</td>
                  <td>{n.state}</td>
                  <td>{n.engineVersion}</td>
                  <td>{n.addr}</td>
                </tr>
              ))}
            </tbody>
          </table>

          <div className="view-header">
            <h2>Services</h2>
            <button type="button" onClick={() => setCreating((c) => !c)} aria-expanded={creating}>
              {creating ? 'Close the form' : 'Create a service…'}
            </button>
          </div>
          {creating && (
            <CreateServiceForm
              onCreated={(name) => {
                setCreating(false);
                setSelected(name);
              }}
            />
          )}
          {snap.services.length === 0 ? (
            <p className="muted">No services yet. Create one from an image this engine holds.</p>
          ) : (
            <table className="table" aria-label="Services">
              <TableHead columns={['Name', 'Image', 'Mode', 'Replicas', 'Ports', 'Update']} />
              <VirtualBodies
                items={snap.services}
                columns={6}
                estimate={40}
                keyOf={(s) => s.id}
                pinned={(s) => s.id === chosen?.id}
                render={(s) => {
                  const st = updateStatusText(s);
                  return (
                    <tr key={s.id} className={chosen?.id === s.id ? 'selected' : undefined} data-testid="service-row">
                      <td>
                        <button type="button" className="link" onClick={() => setSelected(s.id)} aria-pressed={chosen?.id === s.id}>
                          {s.name}
                        </button>
                      </td>
                      <td>
                        <code>{s.image}</code>
                      </td>
                      <td>{s.mode}</td>
                      <td data-testid="replicas">
                        {s.running}/{s.desired}
                      </td>
                      <td>
                        {s.ports.map((p) => `${p.publishedPort ?? 'auto'}→${p.targetPort}/${p.protocol} (${p.mode})`).join(', ') || '–'}
                      </td>
                      <td className={`update-status ${st.tone}`}>{s.update?.state ?? '–'}</td>
                    </tr>
                  );
                }}
              />
            </table>
          )}
          {chosen && (
            <ServicePanel
              key={chosen.id}
              service={chosen}
              snapshot={snap}
              history={histories.current.get(chosen.id) ?? emptyHistory()}
              onRemoved={() => setSelected(null)}
            />
          )}
        </>
      )}
    </section>
  );
}
