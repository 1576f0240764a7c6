import { useDeferredValue, useMemo, useRef, useState } from 'react';
import type { ContainerSummary } from '../../../../main/contract';
import { ErrorText } from '../../components/error-text';
import { VirtualBodies } from '../../components/virtual-rows';
import { useEngineStore } from '../../stores/engine-store';
import { useNavStore } from '../../stores/nav-store';
import { ContainerDetails } from './container-details';
import { ContainerRow } from './container-row';
import { containerDetailTabs, containersFeatures } from './features';
import { RemoveContainerDialog } from './remove-container-dialog';
import { useContainerActions } from './use-container-actions';
import { containerSortKeys, containerTexts } from '../lists/list-fields';
import { ListToolbar } from '../lists/list-toolbar';
import { SelectAllHeader, SelectCell } from '../lists/select-cells';
import { SortHeader } from '../lists/sort-header';
import { useListView } from '../lists/use-list-view';
import { groupContainers, groupedContainerRows, screenOrder, type GroupedRow } from '../stacks/grouped-rows';
import { OutcomePanel, type Outcome } from '../stacks/outcome-panel';
import { StackLogsPanel } from '../stacks/stack-logs-panel';
import { useCollapsedStacks, useStacks } from '../stacks/use-stacks';
import { ContainersBulk } from './containers-bulk';

const rowKey = (r: GroupedRow) => r.key;

const CONTAINER_LIST = { textsOf: containerTexts, sortKeys: containerSortKeys, idOf: (c: ContainerSummary) => c.id };

/** A container asked for by name, full id or id prefix (lessons and the URL use names). */
export function findContainer(containers: readonly ContainerSummary[], ref: string): ContainerSummary | null {
  return containers.find((c) => c.name === ref || c.id === ref) ?? containers.find((c) => c.id.startsWith(ref)) ?? null;
}

/**
 * The list to render: the first one at once, later ones deferred. Deferred, React renders a new
 * list in slices it can interrupt (the store's updates are synchronous, useSyncExternalStore), and
 * the list and `loaded` move together (the empty-list message never flashes before the rows). But
 * the first list is what the page is waiting for (issue 16: first rows from the first list
 * response, without waiting for anything else): deferred, its render waited behind every other
 * update and restarted when one came (the engine status, the engine's fresh read, the settings),
 * and the first row painted ~320 ms after the list arrived. Only the virtualised first screen
 * renders, so the urgent render is small.
 */
function useFirstListUrgent<T>(live: T, liveLoaded: boolean): { containers: T; loaded: boolean } {
  const deferred = useDeferredValue(live);
  const deferredLoaded = useDeferredValue(liveLoaded);
  // While the deferred values still say "not loaded", the live ones are the first list.
  return liveLoaded && !deferredLoaded ? { containers: live, loaded: true } : { containers: deferred, loaded: deferredLoaded };
}

/**
 * The containers view, master–detail: the list (follows the engine's events, never a timer) and
 * the open container's details beside it when there is room, instead of it when not (with a way
 * back). Which container and tab are open lives in the nav store (and the URL hash).
 */
export function ContainersView() {
  const { containers, loaded } = useFirstListUrgent(useEngineStore((s) => s.containers), useEngineStore((s) => s.containersLoaded));
  const detail = useNavStore((s) => s.detail);
  const focusRequest = useNavStore((s) => s.detailFocusRequest);
  const openContainer = useNavStore((s) => s.openContainer);
  const closeContainer = useNavStore((s) => s.closeContainer);
  const setDetailTab = useNavStore((s) => s.setDetailTab);
  const [filter, setFilter] = useState<'all' | 'running'>('all');
  const [removing, setRemoving] = useState<ContainerSummary | null>(null);
  const { act, isPending, error } = useContainerActions();

  const byState = useMemo(() => (filter === 'running' ? containers.filter((c) => c.state === 'running') : containers), [containers, filter]);
  // Filter box, sort and checkboxes (views/lists); Compose projects grouped under their header (views/stacks).
  const list = useListView('containers', byState, CONTAINER_LIST);
  const shown = list.shown;
  const [collapsed, toggleStack] = useCollapsedStacks();
  const stacks = useStacks(containers);
  const entries = useMemo(() => groupContainers(shown), [shown]);
  const onScreen = useMemo(() => screenOrder(entries, collapsed), [entries, collapsed]);
  // Stacks shown under the current filter: one whose containers all go (removed from its header)
  // stays as "down" even when the filter matched only its containers, so its open confirmation
  // keeps showing the results. A new filter starts afresh.
  const shownStacks = useRef({ query: list.query, projects: new Set<string>() });
  if (shownStacks.current.query !== list.query) shownStacks.current = { query: list.query, projects: new Set() };
  for (const e of entries) if (e.kind === 'stack') shownStacks.current.projects.add(e.project);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [logsOf, setLogsOf] = useState<string | null>(null);
  const selected = detail ? findContainer(containers, detail.container) : null;
  // The open container as last seen, to say so when it is gone (removed, or another engine now)
  // rather than close the details under the user.
  const lastSelected = useRef<{ ref: string; c: ContainerSummary } | null>(null);
  if (selected && detail) lastSelected.current = { ref: detail.container, c: selected };
  const gone = detail && !selected && loaded && lastSelected.current?.ref === detail.container ? lastSelected.current.c : null;

  const back = () => {
    const name = selected?.name ?? detail?.container;
    closeContainer();
    // Back where the user came from: the row's name in the list (after the list is shown again).
    requestAnimationFrame(() => document.querySelector<HTMLElement>(`[data-testid="container-row-${CSS.escape(name ?? '')}"] .col-name button`)?.focus());
  };

  // Stacks folded under their header, one flat list: only the rows near the viewport are in the page.
  const rows = groupedContainerRows({
    entries,
    all: containers,
    query: list.query,
    keepDown: shownStacks.current.projects,
    columns: 8,
    collapsed,
    onToggle: toggleStack,
    overview: stacks.overview,
    onComposeDone: stacks.refresh,
    selection: list.selection,
    visibleIds: onScreen,
    onOutcome: setOutcome,
    onLogs: setLogsOf,
    renderRow: (c, inStack) => (
      <ContainerRow
        c={c}
        inStack={inStack}
        selectCell={<SelectCell selection={list.selection} id={c.id} label={c.name} visibleIds={onScreen} />}
        selected={c.id === selected?.id}
        onOpen={() => (c.id === selected?.id ? back() : openContainer(c.name || c.id))}
        onAction={(action) => void act(action, c)}
        isPending={(action) => isPending(action, c.id)}
        onRemove={() => setRemoving(c)}
      />
    ),
  });

  return (
    <section className={`view containers-view${detail ? ' has-detail' : ''}`} aria-labelledby="containers-title">
      <div className="master-detail">
        <div className="master">
          <div className="view-header">
            <h1 id="containers-title">Containers</h1>
            {containersFeatures.map((f) => (f.Toolbar ? <f.Toolbar key={f.name} /> : null))}
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
            <table className="table containers-table" aria-label="Containers">
              <thead>
                <tr>
                  <SelectAllHeader selection={list.selection} visibleIds={onScreen} noun="containers" />
                  <SortHeader className="col-name" label="Name" column="name" sort={list.sort} onSort={list.onSort} />
                  <SortHeader className="col-image" label="Image" column="image" sort={list.sort} onSort={list.onSort} />
                  <SortHeader className="col-state" label="State" column="state" sort={list.sort} onSort={list.onSort} />
                  <SortHeader className="col-status" label="Status" column="status" sort={list.sort} onSort={list.onSort} />
                  <SortHeader className="col-ports" label="Ports (host → container)" column="ports" sort={list.sort} onSort={list.onSort} />
                  <SortHeader className="col-created" label="Created" column="created" sort={list.sort} onSort={list.onSort} />
                  <th scope="col" className="col-actions">
                    Actions
                  </th>
                </tr>
              </thead>
              <VirtualBodies
                items={rows}
                columns={8}
                // A row is two lines (name, short id), 59 px at 1400 and 1024 wide: a close estimate
                // keeps the first render (before any row is measured) to the rows that fit, not 40 % more.
                estimate={58}
                keyOf={rowKey}
                // The open container's row (or the one just closed) stays in the page, so "Back" can focus its name.
                pinned={(r) => r.container !== null && r.container.id === (selected ?? lastSelected.current?.c)?.id}
                render={(r) => r.node}
              />
            </table>
          )}
          {logsOf && <StackLogsPanel key={logsOf} project={logsOf} onClose={() => setLogsOf(null)} />}
        </div>
        {detail && (
          <ContainerDetails
            key={selected?.id ?? detail.container}
            container={selected}
            wanted={detail.container}
            gone={gone}
            extraTabs={containerDetailTabs}
            tab={detail.tab}
            onTab={setDetailTab}
            onBack={back}
            focusRequest={focusRequest}
            actions={{
              onAction: (action) => selected && void act(action, selected),
              isPending: (action) => (selected ? isPending(action, selected.id) : false),
              onRemove: () => selected && setRemoving(selected),
            }}
          />
        )}
      </div>
      {/* The dialog follows the live row: a container that died meanwhile no longer asks for --force. */}
      {removing && <RemoveContainerDialog container={containers.find((c) => c.id === removing.id) ?? removing} onDone={() => setRemoving(null)} />}
    </section>
  );
}
