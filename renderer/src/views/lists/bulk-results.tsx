import type { BulkResult } from '../../../../main/contract';
import { CommandLine } from '../../components/command-line';

/** What a bulk action did, item by item: each failure with the engine's reason. */
export function BulkResults({ title, result, labelOf, onClose }: { title: string; result: BulkResult; labelOf?: (ref: string) => string; onClose?: () => void }) {
  const failed = result.results.filter((r) => !r.ok);
  const done = result.results.length - failed.length;
  const name = (ref: string) => labelOf?.(ref) ?? ref;
  return (
    <section className={`bulk-results ${failed.length ? 'has-failures' : ''}`} aria-label={title} role="status">
      <div className="bulk-results-head">
        <strong>
          {title}: {done} of {result.results.length} done{failed.length ? `, ${failed.length} failed` : ''}
        </strong>
        {onClose && (
          <button type="button" className="small" onClick={onClose} aria-label={`Dismiss ${title}`}>
            Dismiss
          </button>
        )}
      </div>
      <CommandLine command={result.command} />
      <ul className="bulk-result-list">
        {result.results.map((r) => (
          <li key={r.ref} data-testid={`bulk-result-${name(r.ref)}`} data-ok={r.ok ? 'true' : 'false'}>
            <span className={r.ok ? 'ok-mark' : 'fail-mark'} aria-hidden="true">
              {r.ok ? '✓' : '✗'}
            </span>{' '}
            <span className="mono">{name(r.ref)}</span>
            {!r.ok && <span className="error-text"> — {r.error}</span>}
          </li>
        ))}
      </ul>
    </section>
  );
}
