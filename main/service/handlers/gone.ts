/** Words for a container that is not there any more when a stream re-opens or polls. */
import type { ApiError } from '../../contract';
import type { ResumeState } from '../types';

/** Turns a 404 into "no longer exists" once a stream had been open (first opens keep the engine's words). */
export function goneWhileAway(err: unknown, id: string, resume: ResumeState | undefined): unknown {
  if ((err as { statusCode?: number } | null)?.statusCode !== 404 || !resume || resume.reopened === 0) return err;
  const gone: ApiError = { code: 'not-found', statusCode: 404, message: `The container ${id} no longer exists on this engine (it was removed, or this is another engine).` };
  return gone;
}
