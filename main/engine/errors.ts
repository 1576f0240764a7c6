/**
 * Turns whatever an engine call threw into the contract's ApiError, keeping the engine's own
 * words ("port is already allocated") rather than dockerode's "(HTTP code 500) server error".
 */
import type { ApiError } from '../contract';

interface ModemError {
  statusCode?: number;
  json?: { message?: string; cause?: string } | null;
  reason?: string;
  message?: string;
  code?: string;
}

const CONNECTION_CODES = new Set(['ENOENT', 'ECONNREFUSED', 'EACCES', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND', 'ESSH']);

/** True when the error means the engine itself could not be reached. */
export function isConnectionError(err: unknown): boolean {
  const code = (err as ModemError | undefined)?.code;
  return typeof code === 'string' && CONNECTION_CODES.has(code);
}

export function engineMessage(err: unknown): string {
  const e = err as ModemError;
  if (e?.json && typeof e.json === 'object' && typeof e.json.message === 'string' && e.json.message) return e.json.message;
  if (typeof e?.message === 'string') {
    // dockerode puts the body after the prefix: "(HTTP code 409) unexpected - <engine text> "
    const m = /^\(HTTP code \d+\) ([^-]+)- (.*)$/s.exec(e.message);
    if (!m) return e.message.trim();
    // Podman answers some errors (stats of an unknown container) with an empty body: the
    // status's meaning ("no such container") is then all there is to say.
    return m[2]!.trim() || m[1]!.trim();
  }
  return String(err);
}

export function toApiError(err: unknown): ApiError {
  if (isApiError(err)) return err;
  const e = err as ModemError;
  if (isConnectionError(err)) {
    return { code: 'not-connected', message: `The engine is not reachable (${e.code}): ${e.message ?? ''}`.trim() };
  }
  const statusCode = typeof e?.statusCode === 'number' ? e.statusCode : undefined;
  const message = engineMessage(err);
  // Podman answers a state conflict (removing a running container) with 500 and this cause
  // where Docker answers 409.
  const conflict = statusCode === 409 || e?.json?.cause === 'container state improper';
  const code: ApiError['code'] =
    statusCode === 404 ? 'not-found' : conflict ? 'conflict' : statusCode === 403 ? 'forbidden' : statusCode ? 'engine' : 'internal';
  return { code, message, ...(statusCode ? { statusCode } : {}) };
}

function isApiError(v: unknown): v is ApiError {
  return typeof v === 'object' && v !== null && 'code' in v && 'message' in v && !(v instanceof Error);
}

/** Throw this from a handler for a user-facing error that names a field. */
export class FieldError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
  toApiError(): ApiError {
    return { code: 'invalid-argument', field: this.field, message: this.message };
  }
}
