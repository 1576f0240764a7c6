import type { ApiError } from '../../../main/contract';

/** An engine or validation error, shown in the engine's own words. */
export function ErrorText({ error }: { error: ApiError | string | null | undefined }) {
  if (!error) return null;
  const message = typeof error === 'string' ? error : error.message;
  return (
    <p className="error-text" role="alert">
      {message}
    </p>
  );
}
