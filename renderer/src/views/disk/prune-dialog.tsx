/** One prune: preview (what goes, how much), confirmation, then the result and the docker command. */
import { useEffect, useState } from 'react';
import type { ApiError, PrunePreview, PruneResult, PruneTarget } from '../../../../main/contract';
import { humanSize } from '../../../../main/disk/human-size';
import { call } from '../../api/client';
import { CommandLine } from '../../components/command-line';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { ErrorText } from '../../components/error-text';
import { useCommandStore } from '../../stores/command-store';
import { PRUNES } from './prune-meta';

export function PruneDialog({ target, onClose }: { target: PruneTarget; onClose(changed: boolean): void }) {
  const meta = PRUNES.find((p) => p.target === target)!;
  const [all, setAll] = useState(false);
  const [labelText, setLabelText] = useState('');
  const [preview, setPreview] = useState<PrunePreview | null>(null);
  const [result, setResult] = useState<PruneResult | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const labels = labelText.split(/[\s,]+/).filter(Boolean);

  const loadPreview = async () => {
    setBusy(true);
    setError(null);
    const r = await call('disk:prune-preview', { target, all, labels });
    setBusy(false);
    if (r.ok) setPreview(r.value);
    else {
      setPreview(null);
      setError(r.error);
    }
  };
  useEffect(() => {
    void loadPreview();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [all]);

  const run = async () => {
    if (!preview) return;
    setBusy(true);
    const r = await call('disk:prune', { target, all, labels, until: preview.until, ids: preview.items.map((i) => i.id) });
    setBusy(false);
    if (!r.ok) return setError(r.error);
    setResult(r.value);
    useCommandStore.getState().show(`Cleaned up ${meta.title.toLowerCase()}: ${humanSize(r.value.spaceReclaimed)} reclaimed`, r.value.command);
  };

  if (result) {
    return (
      <ConfirmDialog title={`${meta.title}: done`} confirmLabel="Close" onConfirm={() => onClose(true)} onCancel={() => onClose(true)}>
        <p data-testid="prune-result">
          Removed {result.removed.length} of {preview?.items.length ?? 0} previewed; <strong>{humanSize(result.spaceReclaimed)}</strong> reclaimed.
        </p>
        {result.untagged.length > 0 && <p>Untagged: {result.untagged.join(', ')}</p>}
        {result.alsoDeleted.length > 0 && <p className="muted">The engine also deleted {result.alsoDeleted.length} layer(s) only these images used.</p>}
        {result.kept.length > 0 && <p className="error-text">Still there (changed since the preview): {result.kept.map((k) => k.name).join(', ')}</p>}
        <CommandLine command={result.command} />
      </ConfirmDialog>
    );
  }
  const empty = preview !== null && preview.items.length === 0;
  return (
    <ConfirmDialog
      title={`Clean up: ${meta.title.toLowerCase()}`}
      confirmLabel={preview ? `Remove ${preview.items.length} item${preview.items.length === 1 ? '' : 's'}` : 'Remove'}
      danger
      busy={busy || !preview || empty}
      onCancel={() => onClose(false)}
      onConfirm={() => void run()}
    >
      {!preview && <p>{meta.what}</p>}
      <div className="wf-row prune-options">
        {meta.allLabel && (
          <label className="check">
            <input type="checkbox" checked={all} onChange={(e) => setAll(e.target.checked)} />
            {meta.allLabel}
          </label>
        )}
        {target !== 'build-cache' && (
          <label>
            Only with label (key or key=value)
            <input value={labelText} onChange={(e) => setLabelText(e.target.value)} onBlur={() => void loadPreview()} spellCheck={false} placeholder="(any)" />
          </label>
        )}
      </div>
      <ErrorText error={error} />
      {!preview ? (
        <p>{busy ? 'Looking for what would go…' : ''}</p>
      ) : (
        <>
          <p className="muted">{preview.note}</p>
          {empty ? (
            <p data-testid="prune-empty">Nothing to remove.</p>
          ) : (
            <>
              <p>
                <strong>{preview.items.length}</strong> item(s) will be removed, holding up to <strong>{humanSize(preview.totalSize)}</strong>:
              </p>
              <ul className="prune-list" data-testid="prune-preview">
                {preview.items.map((i) => (
                  <li key={i.id}>
                    <span className="mono">{i.name}</span> <span className="muted">{i.detail}</span> {i.size >= 0 && <span>{humanSize(i.size)}</span>}
                  </li>
                ))}
              </ul>
            </>
          )}
          <CommandLine command={preview.command} />
        </>
      )}
    </ConfirmDialog>
  );
}
