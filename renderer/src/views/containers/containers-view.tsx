import { useEffect, useMemo, useRef, useState } from 'react';
import type { ContainerSummary } from '../../../../main/contract';
import { ErrorText } from '../../components/error-text';
import { useEngineStore } from '../../stores/engine-store';
import { useNavStore } from '../../stores/nav-store';
import { ContainerDetails } from './container-details';
import { ContainerRow } from './container-row';
import { containerDetailTabs, containersFeatures } from './features';
import { RemoveContainerDialog } from './remove-container-dialog';
import { useContainerActions } from './use-container-actions';

export { formatPorts } from './container-row';

/** A container asked for by name, full id or id prefix (lessons and the URL use names). */
export function findContainer(containers: readonly ContainerSummary[], ref: string): ContainerSummary | null {
  return containers.find((c) => c.name === ref || c.id === ref) ?? containers.find((c) => c.id.startsWith(ref)) ?? null;
}

/**
 * The containers view, master–detail: the list (follows the engine's events, never a timer) and
 * the open container's details beside it when there is room, instead of it when not (with a way
 * back). Which container and tab are open lives in the nav store (and the URL hash).
 */
export function ContainersView() {
  const containers = useEngineStore((s) => s.containers);
  const loaded = useEngineStore((s) => s.containersLoaded);
  const detail = useNavStore((s) => s.detail);
  const focusRequest = useNavStore((s) => s.detailFocusRequest);
  const openContainer = useNavStore((s) => s.openContainer);
  const closeContainer = useNavStore((s) => s.closeContainer);
  const setDetailTab = useNavStore((s) => s.setDetailTab);
  const [filter, setFilter] = useState<'all' | 'running'>('all');
  const [removing, setRemoving] = useState<ContainerSummary | null>(null);
  const { act, isPending, error } = useContainerActions();

  const shown = useMemo(() => (filter === 'running' ? containers.filter((c) => c.state === 'running') : containers), [containers, filter]);
  const selected = detail ? findContainer(containers, detail.container) : null;

  // The open container was removed (here or elsewhere): close its details rather than leave them blank.
  const shownBefore = useRef<string | null>(null);
  const wantedRef = detail?.container ?? null;
  useEffect(() => {
    if (selected) shownBefore.current = wantedRef;
    else if (wantedRef !== null && shownBefore.current === wantedRef && loaded) {
      shownBefore.current = null;
      closeContainer();
    }
  }, [selected, wantedRef, loaded, closeContainer]);

  const back = () => {
    const name = selected?.name ?? detail?.container;
    closeContainer();
    // Back where the user came from: the row's name in the list (after the list is shown again).
    requestAnimationFrame(() => document.querySelector<HTMLElement>(`[data-testid="container-row-${CSS.escape(name ?? '')}"] .col-name button`)?.focus());
  };

  return (
    <section className={`view containers-view${detail ? ' has-detail' : ''}`} aria-labelledby="containers-title">
      <div className="master-detail">
        <div className="master">
          <div className="view-header">
            <h1 id="containers-title">Containers</h1>
            <div role="radiogroup" aria-label="Show" className="segmented">
              <button type="button" role="radio" aria-checked={filter === 'all'} onClick={() => setFilter('all')}>
                All ({containers.length})
              </button>
              <button type="button" role="radio" aria-checked={filter === 'running'} onClick={() => setFilter('running')}>
                Running ({containers.filter((c) => c.state === 'running').length})
              </button>
            </div>
            {containersFeatures.map((f) => (f.Toolbar ? <f.Toolbar key={f.name} /> : null))}
          </div>
          <ErrorText error={error} />
          {!loaded ? (
            <p>Loading containers…</p>
          ) : shown.length === 0 ? (
            <p className="empty">
              {filter === 'running' ? 'No running containers.' : 'No containers yet.'} Try <code>docker run -d -p 8080:80 IMAGE</code> in a
              terminal: it appears here at once.
            </p>
          ) : (
            <table className="table containers-table" aria-label="Containers">
              <thead>
                <tr>
                  <th scope="col" className="col-name">Name</th>
                  <th scope="col" className="col-image">Image</th>
                  <th scope="col" className="col-state">State</th>
                  <th scope="col" className="col-status">Status</th>
                  <th scope="col" className="col-ports">Ports (host → container)</th>
                  <th scope="col" className="col-created">Created</th>
                  <th scope="col" className="col-actions">Actions</th>
                </tr>
              </thead>
              <tbody>
                {shown.map((c) => (
                  <ContainerRow
                    key={c.id}
                    c={c}
                    selected={c.id === selected?.id}
                    onOpen={() => (c.id === selected?.id ? back() : openContainer(c.name || c.id))}
                    onAction={(action) => void act(action, c)}
                    isPending={(action) => isPending(action, c.id)}
                    onRemove={() => setRemoving(c)}
                  />
                ))}
              </tbody>
            </table>
          )}
        </div>
        {detail && (
          <ContainerDetails
            key={selected?.id ?? detail.container}
            container={selected}
            wanted={detail.container}
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
