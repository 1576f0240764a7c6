import { Fragment, useEffect, useState } from 'react';
import type { ApiError, ImageLayer, ImageSummary } from '../../../../main/contract';
import { imageReferenceProblem } from '../../../../main/workflows/run-spec';
import { call } from '../../api/client';
import { useSubscription } from '../../api/use-subscription';
import { CommandLine } from '../../components/command-line';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { ErrorText } from '../../components/error-text';
import { formatBytes, shortId, timeAgo } from '../../components/format';
import { useCommandStore } from '../../stores/command-store';
import { imageSortKeys, imageTexts } from '../lists/list-fields';
import { ListToolbar } from '../lists/list-toolbar';
import { RemoveSelected } from '../lists/remove-selected';
import { SelectAllHeader, SelectCell } from '../lists/select-cells';
import { SortHeader } from '../lists/sort-header';
import { useListView } from '../lists/use-list-view';
import { PullProgress } from '../workflows/pull-progress';
import { RunDialog } from '../workflows/run-dialog';
import { VirtualBodies } from '../../components/virtual-rows';
import { ImagesPublishPanel, ImageTagActions } from './publish-extensions';

const IMAGE_LIST = { textsOf: imageTexts, sortKeys: imageSortKeys, idOf: (i: ImageSummary) => i.id };
const imageRef = (img: ImageSummary) => (img.repoTags.length === 1 ? img.repoTags[0]! : img.id);

/** Local images, following the engine's image events; pull, history, run and remove (one or many). */
export function ImagesView() {
  const [images, setImages] = useState<ImageSummary[] | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [reference, setReference] = useState('');
  const [refError, setRefError] = useState<string | null>(null);
  const [pulling, setPulling] = useState<string | null>(null);
  const [historyOf, setHistoryOf] = useState<string | null>(null);
  const [removing, setRemoving] = useState<{ image: ImageSummary; ref: string } | null>(null);
  const [runImage, setRunImage] = useState<string | null>(null);
  const list = useListView('images', images ?? [], IMAGE_LIST);
  useSubscription(
    'images:list',
    {},
    (list) => {
      setImages(list);
      setError(null);
    },
    setError,
  );
  const pull = () => {
    const problem = imageReferenceProblem(reference);
    setRefError(problem);
    if (!problem) setPulling(reference.trim());
  };
  return (
    <section className="view wf-images">
      <div className="view-header">
        <h1>Images</h1>
        <form
          className="wf-row"
          onSubmit={(e) => {
            e.preventDefault();
            pull();
          }}
        >
          <label>
            Image to pull
            <input value={reference} onChange={(e) => setReference(e.target.value)} placeholder="registry:5000/team/app:1.0" spellCheck={false} aria-invalid={Boolean(refError)} />
          </label>
          <button type="submit" disabled={pulling !== null || !reference.trim()}>
            Pull
          </button>
        </form>
      </div>
      {refError && (
        <p className="error-text" role="alert">
          {refError}
        </p>
      )}
      {pulling && <PullProgress key={pulling} reference={pulling} onCancel={() => setPulling(null)} />}
      <ImagesPublishPanel images={(images ?? []).map((i) => ({ id: i.id, repoTags: i.repoTags }))} />
      <ErrorText error={error} />
      {images === null ? (
        <p>Loading images…</p>
      ) : images.length === 0 ? (
        <p className="empty">No images yet. Pull one above.</p>
      ) : (
        <>
        <ListToolbar noun="images" query={list.query} onQuery={list.setQuery} shown={list.shown.length} total={images.length} />
        <RemoveSelected
          noun="images"
          kind="image"
          hidden={list.hiddenSelected}
          onClear={list.selection.clear}
          items={list.selectedItems.map((img) => ({
            ref: imageRef(img),
            label: img.repoTags.join(', ') || `<none> ${shortId(img.id)}`,
            note: img.containers.length ? `used by ${img.containers.join(', ')}` : formatBytes(img.size),
            inUse: img.containers.length > 0,
          }))}
        />
        <div className="list-scroll">
        <table className="table" aria-label="Images">
          <thead>
            <tr>
              <SelectAllHeader selection={list.selection} visibleIds={list.shownIds} noun="images" />
              <SortHeader label="Repository:tag" column="tag" sort={list.sort} onSort={list.onSort} />
              <SortHeader label="ID" column="id" sort={list.sort} onSort={list.onSort} />
              <SortHeader label="Size" column="size" sort={list.sort} onSort={list.onSort} />
              <SortHeader label="Created" column="created" sort={list.sort} onSort={list.onSort} />
              <SortHeader label="Used by" column="usedBy" sort={list.sort} onSort={list.onSort} />
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <VirtualBodies
            items={list.shown}
            keyOf={(img) => img.id}
            columns={7}
            estimate={52}
            render={(img) => {
              const label = img.repoTags[0] ?? shortId(img.id);
              return (
                <Fragment key={img.id}>
                  <tr data-testid={`image-row-${label}`} aria-selected={list.selection.has(img.id)}>
                    <SelectCell selection={list.selection} id={img.id} label={label} visibleIds={list.shownIds} />
                    <td className="mono">
                      {img.dangling ? (
                        <span className="badge wf-dangling" title="No tag points at this image any more (an older build or pull left it behind)">
                          dangling &lt;none&gt;
                        </span>
                      ) : (
                        img.repoTags.map((t) => <div key={t}>{t}</div>)
                      )}
                    </td>
                    <td className="mono">{shortId(img.id)}</td>
                    <td>{formatBytes(img.size)}</td>
                    <td>{timeAgo(img.created)}</td>
                    <td>{img.containers.length ? img.containers.join(', ') : <span className="muted">none</span>}</td>
                    <td>
                      <div className="actions">
                        <button type="button" className="primary" aria-label={`Run ${label}`} title={`Open the run dialog with ${label}`} onClick={() => setRunImage(img.repoTags[0] ?? img.id)}>
                          Run
                        </button>
                        <button type="button" aria-expanded={historyOf === img.id} aria-label={`History of ${label}`} onClick={() => setHistoryOf(historyOf === img.id ? null : img.id)}>
                          History
                        </button>
                        <button type="button" className="danger" aria-label={`Remove ${label}`} onClick={() => setRemoving({ image: img, ref: img.repoTags.length === 1 ? img.repoTags[0]! : img.id })}>
                          Remove
                        </button>
                        {img.repoTags.length > 1 &&
                          img.repoTags.map((t) => (
                            <button key={t} type="button" className="small" onClick={() => setRemoving({ image: img, ref: t })}>
                              Untag {t}
                            </button>
                          ))}
                        <ImageTagActions image={{ id: img.id, repoTags: img.repoTags }} />
                      </div>
                    </td>
                  </tr>
                  {historyOf === img.id && (
                    <tr>
                      <td colSpan={7}>
                        <ImageHistory id={img.repoTags[0] ?? img.id} />
                      </td>
                    </tr>
                  )}
                </Fragment>
              );
            }}
          />
        </table>
        {list.shown.length === 0 && <p className="empty">No image matches “{list.query}”.</p>}
        </div>
        </>
      )}
      {runImage && <RunDialog key={runImage} initialImage={runImage} onClose={() => setRunImage(null)} />}
      {removing && <RemoveImageDialog image={removing.image} reference={removing.ref} onDone={() => setRemoving(null)} />}
    </section>
  );
}

function ImageHistory({ id }: { id: string }) {
  const [layers, setLayers] = useState<ImageLayer[] | null>(null);
  const [command, setCommand] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  useEffect(() => {
    let live = true;
    void call('images:history', { id }).then((r) => {
      if (!live) return;
      if (r.ok) {
        setLayers(r.value.layers);
        setCommand(r.value.command);
        useCommandStore.getState().show(`History of ${id}`, r.value.command);
      } else setError(r.error);
    });
    return () => {
      live = false;
    };
  }, [id]);
  return (
    <section aria-label={`History of ${id}`} className="wf-history">
      {command && <CommandLine command={command} />}
      <ErrorText error={error} />
      {layers && (
        <table className="table" aria-label="Layers">
          <thead>
            <tr>
              <th scope="col">Created by</th>
              <th scope="col">Size</th>
              <th scope="col">Created</th>
            </tr>
          </thead>
          <tbody>
            {layers.map((l, i) => (
              <tr key={`${l.id}-${i}`}>
                <td className="mono wf-createdby">{l.createdBy || l.comment || '(no command)'}</td>
                <td>{formatBytes(l.size)}</td>
                <td>{timeAgo(l.created)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function RemoveImageDialog({ image, reference, onDone }: { image: ImageSummary; reference: string; onDone: () => void }) {
  const [force, setForce] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const inUse = image.containers.length > 0;
  const untagOnly = image.repoTags.length > 1 && reference !== image.id;
  return (
    <ConfirmDialog
      title={untagOnly ? `Remove tag ${reference}?` : `Remove image ${reference}?`}
      confirmLabel={force ? 'Force remove' : 'Remove'}
      danger
      busy={busy || (inUse && !untagOnly && !force)}
      onCancel={onDone}
      onConfirm={async () => {
        setBusy(true);
        const r = await call('images:remove', { id: reference, force });
        setBusy(false);
        if (!r.ok) setError(r.error);
        else {
          useCommandStore.getState().show(`Removed ${reference}`, r.value.command);
          onDone();
        }
      }}
    >
      {untagOnly ? (
        <p>Only this tag goes; the image stays under its other tags ({image.repoTags.filter((t) => t !== reference).join(', ')}).</p>
      ) : (
        <p>The image and its layers not shared with other images are deleted. You can pull or build it again later.</p>
      )}
      {inUse && !untagOnly && (
        <>
          <p className="error-text">
            Container(s) {image.containers.join(', ')} use this image. The engine refuses to remove it while they exist: remove them first, or force it (the
            image loses its tags; running containers keep their layers).
          </p>
          <label className="check">
            <input type="checkbox" checked={force} onChange={(e) => setForce(e.target.checked)} /> Force the removal (<code>--force</code>)
          </label>
        </>
      )}
      <ErrorText error={error} />
    </ConfirmDialog>
  );
}
