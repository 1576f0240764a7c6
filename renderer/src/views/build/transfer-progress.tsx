import type { PushProgress, TransferEvent } from '../../../../main/contract';
import { formatBytes } from '../../components/format';

/** Folded state of a push or pull, for display. */
export interface TransferState {
  command: string;
  tags: string[];
  progress: Record<string, PushProgress>;
  doneTags: string[];
  failed: { tag: string; message: string } | null;
  finished: boolean;
}

export const emptyTransfer: TransferState = { command: '', tags: [], progress: {}, doneTags: [], failed: null, finished: false };

export function foldTransfer(s: TransferState, e: TransferEvent): TransferState {
  switch (e.type) {
    case 'start':
      return { ...emptyTransfer, command: e.command, tags: e.tags };
    case 'progress':
      return { ...s, progress: { ...s.progress, [e.progress.tag]: e.progress } };
    case 'tag-done':
      return { ...s, doneTags: [...s.doneTags, e.tag] };
    case 'failed':
      return { ...s, failed: { tag: e.tag, message: e.message }, finished: true };
    case 'done':
      return { ...s, finished: true };
  }
}

/** Per-tag, per-layer progress of a push or pull. */
export function TransferProgress({ state, verb }: { state: TransferState; verb: 'Push' | 'Pull' }) {
  return (
    <div className="transfer" data-testid={`${verb.toLowerCase()}-progress`}>
      {state.tags.map((tag) => {
        const p = state.progress[tag];
        const done = state.doneTags.includes(tag);
        const pct = done ? 100 : p?.overall != null ? Math.round(p.overall * 100) : 0;
        return (
          <div key={tag} className="transfer-tag">
            <div className="transfer-head">
              <strong>{tag}</strong>
              <progress max={100} value={pct} aria-label={`${verb} of ${tag}`} />
              <span data-testid="transfer-status">{done ? `${verb}ed` : state.failed?.tag === tag ? 'Failed' : `${pct} %`}</span>
            </div>
            {p && p.layers.length > 0 && (
              <table className="table compact">
                <thead>
                  <tr>
                    <th>Layer</th>
                    <th>Status</th>
                    <th>Progress</th>
                  </tr>
                </thead>
                <tbody>
                  {p.layers.map((l) => (
                    <tr key={l.id}>
                      <td className="mono">{l.id}</td>
                      <td>{l.status}</td>
                      <td>{l.total > 0 ? `${formatBytes(l.current)} / ${formatBytes(l.total)}` : l.done ? 'done' : ''}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
            {p?.message && <p className="muted mono">{p.message}</p>}
          </div>
        );
      })}
      {state.failed && <p className="error-text" role="alert">{`${state.failed.tag}: ${state.failed.message}`}</p>}
    </div>
  );
}
