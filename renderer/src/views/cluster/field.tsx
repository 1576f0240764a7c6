import type { ReactNode } from 'react';
import type { ApiError } from '../../../../main/contract';

/** A labelled input whose error (matched by the contract's field path) sits right under it. */
export function Field({ label, field, error, children, hint }: { label: string; field: string; error: ApiError | null; children: ReactNode; hint?: string }) {
  const message = error?.field === field ? error.message : null;
  const id = `cluster-${field.replace(/[^a-z0-9]/gi, '-')}-error`;
  return (
    <label className="cluster-field">
      <span>{label}</span>
      {children}
      {hint && <small className="muted">{hint}</small>}
      <span id={id} className="field-error" role={message ? 'alert' : undefined} data-testid={`error-${field}`}>
        {message}
      </span>
    </label>
  );
}
