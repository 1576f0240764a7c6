import { useEffect, useMemo, useState } from 'react';
import type { ContainerSummary } from '../../../../main/contract';
import { ErrorText } from '../../components/error-text';
import { shortId, timeAgo } from '../../components/format';
import { useEngineStore } from '../../stores/engine-store';
import { useNavStore } from '../../stores/nav-store';
import { runContainerAction, type ContainerAction } from './container-actions';
import { ContainerDetails } from './container-details';
import { containerDetailTabs, ContainersToolbarExtras } from './extensions';
import { RemoveContainerDialog } from './remove-container-dialog';
import { containerSortKeys, containerTexts } from '../lists/list-fields';
import { ListToolbar } from '../lists/list-toolbar';
import { PortLinks } from '../lists/port-links';
import { SelectAllHeader, SelectCell } from '../lists/select-cells';
import { SortHeader } from '../lists/sort-header';
import { useListView } from '../lists/use-list-view';
import { GroupedContainerRows, groupContainers, screenOrder } from '../stacks/grouped-rows';
import { OutcomePanel, type Outcome } from '../stacks/outcome-panel';
import { StackLogsPanel } from '../stacks/stack-logs-panel';
import { useCollapsedStacks, useStacks } from '../stacks/use-stacks';
import { ContainersBulk } from './containers-bulk';

const CONTAINER_LIST = { textsOf: containerTexts, sortKeys: containerSortKeys, idOf: (c: ContainerSummary) => c.id };

export function formatPorts(c: ContainerSummary): string {
  return c.ports
    .map((p) => (p.hostPort ? `${p.hostIp && p.hostIp !== '0.0.0.0' ? `${p.hostIp}:` : ''}${p.hostPort} → ${p.containerPort}/${p.protocol}` : `${p.containerPort}/${p.protocol}`))
    .join(', ');
}

/** The containers list: follows the engine's events, never a timer. */
export function ContainersView() {
  const containers = useEngineStore((s) => s.containers);
  const loaded = useEngineStore((s) => s.containersLoaded);
  const [filter, setFilter] = useState<'all' | 'running'>('all');
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [removing, setRemoving] = useState<ContainerSummary | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  // Lessons and the stats overview open a container's tab: { select: name or id, tab: 'logs' | 'top' | ... }.
  const params = useNavStore((s) => s.params);
  const wanted = typeof params.select === 'string' ? params.select : null;
  const wantedTab = typeof params.tab === 'string' ? params.tab : undefined;
  useEffect(() => {
    if (!wanted) return;
    const match = containers.find((c) => c.name === wanted || c.id === wanted || c.id.startsWith(wanted));
    if (match) setSelectedId(match.id);
  }, [wanted, containers]);

  const byState = useMemo(() => (filter === 'running' ? containers.filter((c) => c.state === 'running') : containers), [containers, filter]);
  // Filter box, sort and checkboxes (views/lists); Compose projects grouped under their header (views/stacks).
  const list = useListView('containers', byState, CONTAINER_LIST);
  const shown = list.shown;
  const [collapsed, toggleStack] = useCollapsedStacks();
  const stacks = useStacks(containers);
  const entries = useMemo(() => groupContainers(shown), [shown]);
  const onScreen = useMemo(() => screenOrder(entries, collapsed), [entries, collapsed]);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [logsOf, setLogsOf] = useState<string | null>(null);
  const selected = containers.find((c) => c.id === selectedId) ?? null;

  const act = async (action: ContainerAction, c: ContainerSummary) => {
    setBusy(`${action}:${c.id}`);
    setError(null);
    const err = await runContainerAction(action, c);
    setBusy(null);
    if (err) setError(`${action} ${c.name}: ${err}`);
  };

  return (
    <section className="view containers-view">
      <div className="view-header">
        <h1>Containers</h1>
        <ContainersToolbarExtras />
      </div>
      <ListToolbar noun="containers" query={list.query} onQuery={list.setQuery} shown={shown.length} total={containers.length}>
        <div role="radiogroup" aria-label="Show" className="segmented">
          <button type="button" role="radio" aria-checked={filter === 'all'} onClick={() => setFilter('all')}>
            All ({containers.length})
          </button>
          <button type="button" role="radio" aria-checked={filter === 'running'} onClick={() => setFilter('running')}>
            Running ({containers.filter((c) => c.state === 'running').length})
          </button>
        </div>
      </ListToolbar>
      <ContainersBulk items={list.selectedItems} hidden={list.hiddenSelected} onClear={list.selection.clear} onOutcome={setOutcome} />
      {outcome && <OutcomePanel outcome={outcome} onClose={() => setOutcome(null)} />}
      <ErrorText error={error} />
      {!loaded ? (
        <p>Loading containers…</p>
      ) : shown.length === 0 && list.query ? (
        <p className="empty">No container matches “{list.query}”.</p>
      ) : shown.length === 0 && !stacks.overview?.stacks.length ? (
        <p className="empty">
          {filter === 'running' ? 'No running containers.' : 'No containers yet.'} Try <code>docker run -d -p 8080:80 IMAGE</code> in a
          terminal: it appears here at once.
        </p>
      ) : (
        <table className="table" aria-label="Containers">
          <thead>
            <tr>
              <SelectAllHeader selection={list.selection} visibleIds={onScreen} noun="containers" />
              <SortHeader label="Name" column="name" sort={list.sort} onSort={list.onSort} />
              <SortHeader label="Image" column="image" sort={list.sort} onSort={list.onSort} />
              <SortHeader label="State" column="state" sort={list.sort} onSort={list.onSort} />
              <SortHeader label="Status" column="status" sort={list.sort} onSort={list.onSort} />
              <SortHeader label="Ports (host → container)" column="ports" sort={list.sort} onSort={list.onSort} />
              <SortHeader label="Created" column="created" sort={list.sort} onSort={list.onSort} />
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            <GroupedContainerRows
              entries={entries}
              all={containers}
              query={list.query}
              columns={8}
              collapsed={collapsed}
              onToggle={toggleStack}
              overview={stacks.overview}
              onComposeDone={stacks.refresh}
              selection={list.selection}
              visibleIds={onScreen}
              onOutcome={setOutcome}
              onLogs={setLogsOf}
              renderRow={(c, inStack) => {
              const running = c.state === 'running' || c.state === 'restarting';
              return (
                <tr key={c.id} data-testid={`container-row-${c.name}`} data-state={c.state} aria-selected={c.id === selectedId} className={`${c.id === selectedId ? 'selected' : ''}${inStack ? ' stack-member' : ''}`}>
                  <SelectCell selection={list.selection} id={c.id} label={c.name} visibleIds={onScreen} />
                  <td>
                    <button type="button" className="link" onClick={() => setSelectedId(c.id === selectedId ? null : c.id)} aria-label={`Details of ${c.name}`}>
                      {c.name}
                    </button>
                    <div className="muted mono">{shortId(c.id)}</div>
                  </td>
                  <td className="mono">{c.image}</td>
                  <td>
                    <span className={`badge state-${c.state}`}>{c.state}</span>
                  </td>
                  <td>{c.status}</td>
                  <td className="mono">
                    <PortLinks container={c} />
                  </td>
                  <td>{timeAgo(c.created)}</td>
                  <td>
                    <div className="actions">
                    {!running && (
                      <button type="button" onClick={() => act('start', c)} disabled={busy !== null} aria-label={`Start ${c.name}`}>
                        Start
                      </button>
                    )}
                    {running && (
                      <button type="button" onClick={() => act('stop', c)} disabled={busy !== null} aria-label={`Stop ${c.name}`} title="SIGTERM, then SIGKILL after 10 s">
                        {busy === `stop:${c.id}` ? 'Stopping…' : 'Stop'}
                      </button>
                    )}
                    {running && (
                      <button type="button" onClick={() => act('kill', c)} disabled={busy !== null} aria-label={`Kill ${c.name}`} title="SIGKILL at once">
                        Kill
                      </button>
                    )}
                    <button type="button" onClick={() => act('restart', c)} disabled={busy !== null} aria-label={`Restart ${c.name}`}>
                      Restart
                    </button>
                    <button type="button" className="danger" onClick={() => setRemoving(c)} disabled={busy !== null} aria-label={`Remove ${c.name}`}>
                      Remove
                    </button>
                    </div>
                  </td>
                </tr>
              );
              }}
            />
          </tbody>
        </table>
      )}
      {logsOf && <StackLogsPanel key={logsOf} project={logsOf} onClose={() => setLogsOf(null)} />}
      {wanted && !selected && loaded && !containers.some((c) => c.name === wanted || c.id.startsWith(wanted)) && (
        <p className="muted" role="status">
          No container called <code>{wanted}</code> yet. Create it (in a terminal or with Run) and it opens here.
        </p>
      )}
      {selected && <ContainerDetails key={`${selected.id}:${wantedTab ?? ''}`} container={selected} extraTabs={containerDetailTabs} initialTab={wantedTab} />}
      {/* The dialog follows the live row: a container that died meanwhile no longer asks for --force. */}
      {removing && <RemoveContainerDialog container={containers.find((c) => c.id === removing.id) ?? removing} onDone={() => setRemoving(null)} />}
    </section>
  );
}
