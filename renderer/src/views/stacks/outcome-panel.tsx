import type { BulkResult } from '../../../../main/contract';
import { CommandLine } from '../../components/command-line';
import { BulkResults } from '../lists/bulk-results';

/** The last bulk or stack action of the containers view, item by item, or a compose run's output. */
export type Outcome =
  | { kind: 'bulk'; title: string; result: BulkResult; equivalent?: string }
  | { kind: 'compose'; title: string; command: string; exitCode: number | null; output: string };

export function OutcomePanel({ outcome, onClose }: { outcome: Outcome; onClose(): void }) {
  if (outcome.kind === 'bulk') {
    return (
      <div className="outcome">
        <BulkResults title={outcome.title} result={outcome.result} onClose={onClose} />
        {outcome.equivalent && (
          <div className="muted small-text">
            The same with plain docker: <CommandLine command={outcome.equivalent} />
          </div>
        )}
      </div>
    );
  }
  const ok = outcome.exitCode === 0;
  return (
    <section className={`bulk-results ${ok ? '' : 'has-failures'}`} aria-label={outcome.title} role="status">
      <div className="bulk-results-head">
        <strong>
          {outcome.title}: {ok ? 'done' : outcome.exitCode === null ? 'could not run' : `failed (exit code ${outcome.exitCode})`}
        </strong>
        <button type="button" className="small" onClick={onClose} aria-label={`Dismiss ${outcome.title}`}>
          Dismiss
        </button>
      </div>
      <CommandLine command={outcome.command} />
      {outcome.output.trim() && <pre className="compose-output">{outcome.output.trim()}</pre>}
    </section>
  );
}
