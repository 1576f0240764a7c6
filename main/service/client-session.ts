/**
 * One client of the service (an Electron window or a browser socket) with its own limits, so a
 * runaway or hostile page cannot hold hundreds of engine connections: open subscriptions,
 * calls in flight and message size are capped per client, and going over is answered with a
 * `limit` error that says which limit, while every other client keeps working.
 */
import type { ApiError, Result } from '../contract';
import type { Dispatcher } from './dispatcher';

export interface ClientLimits {
  /** Open subscriptions (each may hold engine streams). */
  subscriptions: number;
  /** Calls and subscription openings waiting for an answer at once. */
  concurrentCalls: number;
  /** Largest message (its JSON) accepted from the client. */
  messageBytes: number;
}

/** 16 MiB per message: the largest legal one is a file upload (8 MB as base64, about 11 MB). */
// 160 subscriptions: the Stats overview holds one `stats:sample` per running container (one
// short request per interval each, no stream), beside the other views' few; SECURITY.md says why
// this is not 64 and what would bring it back.
export const CLIENT_LIMITS: ClientLimits = { subscriptions: 160, concurrentCalls: 16, messageBytes: 16 * 1024 * 1024 };

export function limitError(message: string): ApiError {
  return { code: 'limit', message };
}

/** The size of a value as JSON, or null when it has none (cycles, BigInt): never throws. */
export function jsonSize(value: unknown): number | null {
  try {
    return Buffer.byteLength(JSON.stringify(value ?? null) ?? '');
  } catch {
    return null;
  }
}

export class ClientSession {
  private inFlight = 0;
  private opening = 0;
  private readonly open = new Set<string>();

  constructor(
    private readonly dispatcher: Dispatcher,
    readonly owner: string,
    readonly limits: ClientLimits = CLIENT_LIMITS,
  ) {}

  /** Checks the size of arguments that did not come as raw bytes (IPC's structured clone). */
  sizeProblem(args: unknown): ApiError | null {
    const size = jsonSize(args);
    if (size === null) return { code: 'invalid-argument', message: 'The arguments are not plain data (JSON).' };
    if (size > this.limits.messageBytes) return limitError(`The message is too large (${size} bytes; at most ${this.limits.messageBytes}).`);
    return null;
  }

  async invoke(name: unknown, args: unknown): Promise<Result<unknown>> {
    if (this.inFlight >= this.limits.concurrentCalls) {
      return { ok: false, error: limitError(`Too many calls at once from this window (at most ${this.limits.concurrentCalls}); wait for some to finish.`) };
    }
    this.inFlight++;
    try {
      return await this.dispatcher.invoke(name, args);
    } catch (err) {
      return { ok: false, error: { code: 'internal', message: `Internal error: ${(err as Error)?.message ?? String(err)}` } };
    } finally {
      this.inFlight--;
    }
  }

  async subscribe(
    name: unknown,
    args: unknown,
    emit: (subId: string, event: unknown) => void,
    onError: (subId: string, error: ApiError) => void,
  ): Promise<Result<string>> {
    if (this.open.size + this.opening >= this.limits.subscriptions) {
      return { ok: false, error: limitError(`Too many open subscriptions in this window (at most ${this.limits.subscriptions}); close some views.`) };
    }
    if (this.inFlight >= this.limits.concurrentCalls) {
      return { ok: false, error: limitError(`Too many calls at once from this window (at most ${this.limits.concurrentCalls}); wait for some to finish.`) };
    }
    this.opening++;
    this.inFlight++;
    try {
      const result = await this.dispatcher.subscribe(this.owner, name, args, emit, onError);
      if (result.ok) this.open.add(result.value);
      return result;
    } catch (err) {
      return { ok: false, error: { code: 'internal', message: `Internal error: ${(err as Error)?.message ?? String(err)}` } };
    } finally {
      this.opening--;
      this.inFlight--;
    }
  }

  unsubscribe(subId: unknown): boolean {
    const ok = this.dispatcher.unsubscribe(this.owner, subId);
    if (ok) this.open.delete(subId as string);
    return ok;
  }

  /** Closes everything the client had open (window closed, socket gone, page navigated). */
  dispose(): void {
    this.open.clear();
    this.dispatcher.disposeOwner(this.owner);
  }

  openSubscriptions(): number {
    return this.open.size;
  }
}
