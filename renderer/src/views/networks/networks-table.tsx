import { useEffect, useState } from 'react';
import type { NetworkEndpoint, NetworkSummary } from '../../../../main/contract';
import { call } from '../../api/client';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { ErrorText } from '../../components/error-text';
import { VirtualBodies } from '../../components/virtual-rows';
import { useCommandStore } from '../../stores/command-store';
import { networkSortKeys, networkTexts } from '../lists/list-fields';
import { ListToolbar } from '../lists/list-toolbar';
import { RemoveSelected } from '../lists/remove-selected';
import { SelectAllHeader, SelectCell } from '../lists/select-cells';
import { SortHeader } from '../lists/sort-header';
import { useListView } from '../lists/use-list-view';

const networkKey = (n: NetworkSummary) => n.id;

const NETWORK_LIST = { textsOf: networkTexts, sortKeys: networkSortKeys, idOf: (n: NetworkSummary) => n.id };

/** Networks with their subnet, gateway and attached containers (address, aliases). */
export function NetworksTable({
  networks,
  selected,
  onSelect,
  askRemove,
}: {
  networks: NetworkSummary[];
  selected: string | null;
  onSelect(id: string | null): void;
  /** `docker network rm NAME` opened in Dockside: the usual confirmation, for that network (changes per click). */
  askRemove?: { id: string } | null;
}) {
  const [removing, setRemoving] = useState<NetworkSummary | null>(null);
  useEffect(() => {
    const n = askRemove ? networks.find((x) => x.id === askRemove.id) : undefined;
    if (n) setRemoving(n);
    // Once per request, not again when the list changes.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [askRemove]);
  const [removeError, setRemoveError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const list = useListView('networks', networks, NETWORK_LIST);

  const remove = async (n: NetworkSummary) => {
    setBusy(true);
    setRemoveError(null);
    const r = await call('networks:remove', { id: n.name });
    setBusy(false);
    if (!r.ok) {
      setRemoveError(r.error.message);
      return;
    }
    useCommandStore.getState().show(`Removed network ${n.name}`, r.value.command);
    setRemoving(null);
    if (selected === n.id) onSelect(null);
  };

  const disconnect = async (n: NetworkSummary, ep: NetworkEndpoint) => {
    setError(null);
    const r = await call('networks:disconnect', { network: n.name, container: ep.containerName });
    if (!r.ok) setError(`Disconnect ${ep.containerName} from ${n.name}: ${r.error.message}`);
    else useCommandStore.getState().show(`Disconnected ${ep.containerName} from ${n.name}`, r.value.command);
  };

  return (
    <>
      <ErrorText error={error} />
      <ListToolbar noun="networks" query={list.query} onQuery={list.setQuery} shown={list.shown.length} total={networks.length} />
      <RemoveSelected
        noun="networks"
        kind="network"
        hidden={list.hiddenSelected}
        onClear={list.selection.clear}
        items={list.selectedItems.map((n) => ({
          ref: n.name,
          label: n.name,
          ...(n.builtin ? { locked: 'predefined by the engine' } : {}),
          ...(n.containers.length ? { inUse: true, note: `attached: ${n.containers.map((c) => c.containerName).join(', ')}` } : {}),
        }))}
      />
      <table className="table networks-table" aria-label="Networks">
        <thead>
          <tr>
            <SelectAllHeader selection={list.selection} visibleIds={list.shownIds} noun="networks" />
            <SortHeader label="Name" column="name" sort={list.sort} onSort={list.onSort} />
            <SortHeader label="Driver" column="driver" sort={list.sort} onSort={list.onSort} />
            <SortHeader label="Scope" column="scope" sort={list.sort} onSort={list.onSort} />
            <SortHeader label="Subnet / gateway" column="subnet" sort={list.sort} onSort={list.onSort} />
            <SortHeader label="Internal" column="internal" sort={list.sort} onSort={list.onSort} />
            <SortHeader label="Containers (address, aliases)" column="containers" sort={list.sort} onSort={list.onSort} />
            <th scope="col">Actions</th>
          </tr>
        </thead>
        <VirtualBodies
          items={list.shown}
          columns={8}
          estimate={48}
          keyOf={networkKey}
          pinned={(n) => n.id === selected}
          render={(n) => (
            <tr key={n.id} data-testid={`network-row-${n.name}`} aria-selected={selected === n.id} className={selected === n.id ? 'selected' : ''}>
              <SelectCell selection={list.selection} id={n.id} label={n.name} visibleIds={list.shownIds} />
              <td>
                <button type="button" className="link" onClick={() => onSelect(selected === n.id ? null : n.id)} aria-label={`Details of network ${n.name}`}>
                  {n.name}
                </button>
                {n.builtin && <div className="muted">predefined</div>}
              </td>
              <td>{n.driver}</td>
              <td>{n.scope}</td>
              <td className="mono">
                {n.subnets.length === 0 ? <span className="muted">—</span> : n.subnets.map((s) => <div key={s.subnet}>{s.subnet}{s.gateway ? ` via ${s.gateway}` : ''}</div>)}
              </td>
              <td>{n.internal ? 'yes' : 'no'}</td>
              <td>
                {n.containers.length === 0 ? (
                  <span className="muted">none</span>
                ) : (
                  <ul className="endpoint-list">
                    {n.containers.map((ep) => (
                      <li key={ep.containerId} data-testid={`endpoint-${n.name}-${ep.containerName}`}>
                        <span className="mono">{ep.containerName}</span>{' '}
                        <span className="muted mono">{n.name === 'none' ? 'no network' : ep.ipv4 || ep.state}</span>
                        {ep.aliases.length > 0 && <span className="muted"> · alias {ep.aliases.join(', ')}</span>}
                        {!n.builtin && (
                          <button type="button" className="small" onClick={() => disconnect(n, ep)} aria-label={`Disconnect ${ep.containerName} from ${n.name}`}>
                            Disconnect
                          </button>
                        )}
                      </li>
                    ))}
                  </ul>
                )}
              </td>
              <td>
                <div className="actions">
                  <button type="button" onClick={() => onSelect(n.id)} aria-label={`Inspect network ${n.name}`}>
                    Inspect
                  </button>
                  <button
                    type="button"
                    className="danger"
                    onClick={() => {
                      setRemoveError(null);
                      setRemoving(n);
                    }}
                    disabled={n.builtin}
                    title={n.builtin ? 'A predefined network of the engine; it cannot be removed' : undefined}
                    aria-label={`Remove network ${n.name}`}
                  >
                    Remove
                  </button>
                </div>
              </td>
            </tr>
          )}
        />
      </table>
      {list.shown.length === 0 && <p className="empty">No network matches “{list.query}”.</p>}
      {removing && (
        <ConfirmDialog title={`Remove network ${removing.name}?`} confirmLabel="Remove" danger busy={busy} onConfirm={() => remove(removing)} onCancel={() => setRemoving(null)}>
          {removing.containers.length > 0 ? (
            <p>
              {removing.containers.length} container(s) are still attached ({removing.containers.map((c) => c.containerName).join(', ')}). The
              engine refuses to remove a network in use: disconnect or remove them first.
            </p>
          ) : (
            <p>
              Removes the network <code>{removing.name}</code>. No container is attached to it.
            </p>
          )}
          <ErrorText error={removeError} />
        </ConfirmDialog>
      )}
    </>
  );
}
