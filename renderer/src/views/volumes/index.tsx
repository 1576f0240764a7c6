import { useEffect, useRef, useState } from 'react';
import type { ApiError, VolumeSummary } from '../../../../main/contract';
import { call } from '../../api/client';
import { useSubscription } from '../../api/use-subscription';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { ErrorText } from '../../components/error-text';
import { useCommandStore } from '../../stores/command-store';
import { volumeSortKeys, volumeTexts } from '../lists/list-fields';
import { ListToolbar } from '../lists/list-toolbar';
import { RemoveSelected } from '../lists/remove-selected';
import { SelectAllHeader, SelectCell } from '../lists/select-cells';
import { SortHeader } from '../lists/sort-header';
import { useListView } from '../lists/use-list-view';
import { useNavStore } from '../../stores/nav-store';
import { VirtualBodies } from '../../components/virtual-rows';
import { humanSize } from '../../../../main/disk/human-size';
import { useVolumeSizes } from '../disk/use-volume-sizes';
import { FileBrowser } from '../files/file-browser';

const VOLUME_LIST = { textsOf: volumeTexts, sortKeys: volumeSortKeys, idOf: (v: VolumeSummary) => v.name };

/** Volumes, following the engine's events: create, remove (refused while in use). */
export function VolumesView() {
  const [volumes, setVolumes] = useState<VolumeSummary[] | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [name, setName] = useState('');
  const [createError, setCreateError] = useState<ApiError | null>(null);
  const [removing, setRemoving] = useState<VolumeSummary | null>(null);
  const list = useListView('volumes', volumes ?? [], VOLUME_LIST);
  // Other views (the command palette) open a volume's files with { browse: name }.
  const browseParam = useNavStore((s) => (typeof s.params.browse === 'string' ? s.params.browse : null));
  const [browsing, setBrowsing] = useState<string | null>(browseParam);
  useEffect(() => {
    if (browseParam) setBrowsing(browseParam);
  }, [browseParam]);
  // `docker volume create|rm|inspect ...` opened from a lesson: the form filled, or that volume
  // shown (the filter set to its name) with removal asked as usual.
  const params = useNavStore((s) => s.params);
  const [labels, setLabels] = useState<string[]>([]);
  const [targeted, setTargeted] = useState<string | null>(null);
  const nameRef = useRef<HTMLInputElement>(null);
  useEffect(() => {
    const create = params.create as { name: string; labels: string[] } | undefined;
    if (create) {
      setName(create.name);
      setLabels(create.labels);
      setCreateError(null);
      nameRef.current?.focus();
    }
    setTargeted(typeof params.select === 'string' ? params.select : null);
    if (typeof params.select === 'string') list.setQuery(params.select);
    // Once per request (each click sets new params).
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [params]);
  const targetVolume = targeted && volumes ? (volumes.find((v) => v.name === targeted) ?? null) : null;
  const askedRemove = useRef<unknown>(null);
  useEffect(() => {
    if (params.remove === true && targetVolume && askedRemove.current !== params) {
      askedRemove.current = params;
      setRemoving(targetVolume);
    }
  }, [params, targetVolume]);
  const sizes = useVolumeSizes(volumes ? volumes.map((v) => v.name) : null);
  useSubscription(
    'volumes:list',
    {},
    (list) => {
      setVolumes(list);
      setError(null);
    },
    setError,
  );
  const create = async () => {
    setCreateError(null);
    const labelRecord = Object.fromEntries(labels.map((l) => [l.split('=')[0]!, l.includes('=') ? l.slice(l.indexOf('=') + 1) : '']));
    const r = await call('volumes:create', { ...(name.trim() ? { name: name.trim() } : {}), ...(labels.length ? { labels: labelRecord } : {}) });
    if (!r.ok) {
      setCreateError(r.error);
      return;
    }
    setName('');
    setLabels([]);
    useCommandStore.getState().show(`Created volume ${r.value.name}`, r.value.command);
  };
  return (
    <section className="view wf-volumes">
      <div className="view-header">
        <h1>Volumes</h1>
        <form
          className="wf-row"
          onSubmit={(e) => {
            e.preventDefault();
            void create();
          }}
        >
          <label>
            New volume name
            <input ref={nameRef} value={name} onChange={(e) => setName(e.target.value)} placeholder="(random)" spellCheck={false} aria-invalid={Boolean(createError)} />
          </label>
          {labels.length > 0 && (
            <span className="muted" data-testid="volume-labels">
              Labels: {labels.join(', ')}{' '}
              <button type="button" className="small" onClick={() => setLabels([])}>
                Drop labels
              </button>
            </span>
          )}
          <button type="submit">Create volume</button>
        </form>
      </div>
      {targeted && volumes !== null && !targetVolume && (
        <p className="error-text not-found" role="alert" data-testid="volume-not-found">
          There is no volume called <code>{targeted}</code> on this engine, so <code>docker volume {params.remove ? 'rm' : 'inspect'} {targeted}</code> would fail
          too.
        </p>
      )}
      <ErrorText error={createError} />
      <p className="muted">
        A volume keeps its files when the containers using it are removed: removing a container never removes a named volume unless you ask.
      </p>
      <ErrorText error={error} />
      {volumes === null ? (
        <p>Loading volumes…</p>
      ) : volumes.length === 0 ? (
        <p className="empty">No volumes yet.</p>
      ) : (
        <>
        <ListToolbar noun="volumes" query={list.query} onQuery={list.setQuery} shown={list.shown.length} total={volumes.length} />
        <RemoveSelected
          noun="volumes"
          kind="volume"
          hidden={list.hiddenSelected}
          onClear={list.selection.clear}
          items={list.selectedItems.map((v) => ({
            ref: v.name,
            label: v.name,
            ...(v.containers.length ? { note: `used by ${v.containers.join(', ')}`, inUse: true } : {}),
          }))}
        />
        <div className="list-scroll" data-testid="volumes-scroll">
        <table className="table" aria-label="Volumes">
          <thead>
            <tr>
              <SelectAllHeader selection={list.selection} visibleIds={list.shownIds} noun="volumes" />
              <SortHeader label="Name" column="name" sort={list.sort} onSort={list.onSort} />
              <SortHeader label="Driver" column="driver" sort={list.sort} onSort={list.onSort} />
              <SortHeader label="Mount point (on the engine's host)" column="mountpoint" sort={list.sort} onSort={list.onSort} />
              <SortHeader label="Used by" column="usedBy" sort={list.sort} onSort={list.onSort} />
              <th scope="col">Size</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <VirtualBodies
            items={list.shown}
            keyOf={(v) => v.name}
            columns={7}
            render={(v) => (
              <tr key={v.name} data-testid={`volume-row-${v.name}`} aria-selected={list.selection.has(v.name)} className={v.name === targeted ? 'selected' : undefined}>
                <SelectCell selection={list.selection} id={v.name} label={v.name} visibleIds={list.shownIds} />
                <td className="mono">{v.name}</td>
                <td>{v.driver}</td>
                <td className="mono wf-mountpoint">{v.mountpoint}</td>
                <td>{v.containers.length ? v.containers.join(', ') : <span className="muted">none</span>}</td>
                <td data-testid={`volume-size-${v.name}`}>{sizes ? (sizes.get(v.name) ?? -1) >= 0 ? humanSize(sizes.get(v.name)!) : 'N/A' : <span className="muted">…</span>}</td>
                <td>
                  <button type="button" className="small" aria-label={`Browse volume ${v.name}`} onClick={() => setBrowsing(browsing === v.name ? null : v.name)}>
                    Browse
                  </button>{' '}
                  <button type="button" className="danger" aria-label={`Remove volume ${v.name}`} onClick={() => setRemoving(v)}>
                    Remove
                  </button>
                </td>
              </tr>
            )}
          />
        </table>
        {list.shown.length === 0 && <p className="empty">No volume matches “{list.query}”.</p>}
        </div>
        </>
      )}
      {browsing && (
        <section className="volume-files" aria-label={`Files in volume ${browsing}`}>
          <h2>
            Files in volume <span className="mono">{browsing}</span>
          </h2>
          <FileBrowser key={browsing} target={{ kind: 'volume', name: browsing }} label={browsing} />
        </section>
      )}
      {removing && <RemoveVolumeDialog volume={removing} onDone={() => setRemoving(null)} />}
    </section>
  );
}

function RemoveVolumeDialog({ volume, onDone }: { volume: VolumeSummary; onDone: () => void }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const inUse = volume.containers.length > 0;
  return (
    <ConfirmDialog
      title={`Remove volume ${volume.name}?`}
      confirmLabel="Remove"
      danger
      busy={busy || inUse}
      onCancel={onDone}
      onConfirm={async () => {
        setBusy(true);
        const r = await call('volumes:remove', { name: volume.name });
        setBusy(false);
        if (!r.ok) setError(r.error);
        else {
          useCommandStore.getState().show(`Removed volume ${volume.name}`, r.value.command);
          onDone();
        }
      }}
    >
      {inUse ? (
        <p className="error-text">
          Container(s) {volume.containers.join(', ')} use this volume: remove {volume.containers.length > 1 ? 'them' : 'it'} first. The engine refuses to remove a volume in
          use.
        </p>
      ) : (
        <p>Every file in this volume is deleted for good.</p>
      )}
      <ErrorText error={error} />
    </ConfirmDialog>
  );
}
