/**
 * The one place every call and subscription passes through, whatever the transport:
 * names are checked, arguments validated against the contract's schemas, errors turned into
 * data (`{ok:false,error}`) with the engine's words kept, and subscriptions tracked by id and
 * owner so a closed window or socket closes every engine stream it had opened.
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { callSchemas, subscriptionSchemas, type ApiError, type CallName, type Result, type SubscriptionName } from '../contract';
import { NotConnectedError } from '../engine/engine-manager';
import { FieldError, isConnectionError, toApiError } from '../engine/errors';
import type { CallHandlers, SubscriptionHandlers, SubscriptionSink } from './types';

interface ActiveSubscription {
  owner: string;
  name: SubscriptionName;
  close: () => void;
}

export interface DispatcherHooks {
  /** Called when a handler failed because the engine could not be reached. */
  onConnectionLost?: (message: string) => void;
  /**
   * Subscriptions whose engine streams die with the engine connection and are re-opened by the
   * dispatcher on every new connection (reconnect or switch), with the same arguments and sink,
   * so views need not notice. `onConnection` reports each new connection (true) and each loss
   * (false).
   */
  reopen?: {
    names: ReadonlySet<string>;
    onConnection(cb: (connected: boolean) => void): () => void;
  };
}

export function validationError(err: z.ZodError, what: string): ApiError {
  const issue = err.issues[0];
  const field = issue?.path.map(String).join('.') ?? '';
  const message = issue
    ? `${what}: ${field ? `"${field}" ` : ''}${issue.message}`
    : `${what}: invalid arguments`;
  return { code: 'invalid-argument', message, ...(field ? { field } : {}) };
}

export function errorToApi(err: unknown): ApiError {
  if (err instanceof FieldError) return err.toApiError();
  if (err instanceof NotConnectedError) return { code: 'not-connected', message: err.message };
  if (err instanceof z.ZodError) return validationError(err, 'Invalid value');
  return toApiError(err);
}

export class Dispatcher {
  private readonly subs = new Map<string, ActiveSubscription>();

  constructor(
    private readonly calls: CallHandlers,
    private readonly subscriptions: SubscriptionHandlers,
    private readonly hooks: DispatcherHooks = {},
  ) {}

  async invoke(name: unknown, rawArgs: unknown): Promise<Result<unknown>> {
    if (typeof name !== 'string' || !Object.hasOwn(callSchemas, name)) {
      return { ok: false, error: { code: 'invalid-argument', message: `Unknown call ${describeName(name)}.` } };
    }
    const callName = name as CallName;
    const parsed = callSchemas[callName].safeParse(rawArgs ?? {});
    if (!parsed.success) return { ok: false, error: validationError(parsed.error, callName) };
    try {
      const handler = this.calls[callName] as (a: unknown) => Promise<unknown>;
      return { ok: true, value: await handler(parsed.data) };
    } catch (err) {
      return { ok: false, error: this.fail(err) };
    }
  }

  /** Opens a subscription for `owner` (a window or socket id) and returns its id. */
  async subscribe(
    owner: string,
    name: unknown,
    rawArgs: unknown,
    emit: (subId: string, event: unknown) => void,
    onError: (subId: string, error: ApiError) => void,
  ): Promise<Result<string>> {
    if (typeof name !== 'string' || !Object.hasOwn(subscriptionSchemas, name)) {
      return { ok: false, error: { code: 'invalid-argument', message: `Unknown subscription ${describeName(name)}.` } };
    }
    const subName = name as SubscriptionName;
    const parsed = subscriptionSchemas[subName].safeParse(rawArgs ?? {});
    if (!parsed.success) return { ok: false, error: validationError(parsed.error, subName) };
    const subId = randomUUID();
    let open = true;
    const reopenable = this.hooks.reopen?.names.has(subName) ?? false;
    const sink: SubscriptionSink<unknown> = {
      emit: (event: unknown) => {
        if (open) emit(subId, event);
      },
      fail: (err: unknown) => {
        if (open) onError(subId, this.fail(err));
      },
      ...(reopenable ? { resume: { reopened: 0, data: {} } } : {}),
    };
    const handler = this.subscriptions[subName] as (a: unknown, s: typeof sink) => Promise<() => void> | (() => void);
    let close: (() => void) | null;
    try {
      close = await handler(parsed.data, sink);
    } catch (err) {
      open = false;
      return { ok: false, error: this.fail(err) };
    }
    let offConnection: (() => void) | null = null;
    if (reopenable && this.hooks.reopen) {
      // One open at a time: a loss closes the dead streams, a new connection opens fresh ones.
      let opening: Promise<void> = Promise.resolve();
      const closeStreams = () => {
        const c = close;
        close = null;
        if (c) safeCall(c);
      };
      offConnection = this.hooks.reopen.onConnection((connected) => {
        opening = opening.then(async () => {
          if (!open) return;
          closeStreams();
          if (!connected) return;
          sink.resume!.reopened++;
          try {
            const c = await handler(parsed.data, sink);
            if (open) close = c;
            else safeCall(c);
          } catch (err) {
            // Say why it could not come back (e.g. the container no longer exists); stay
            // subscribed, so the next reconnect tries again.
            sink.fail(err);
          }
        });
      });
    }
    this.subs.set(subId, {
      owner,
      name: subName,
      close: () => {
        open = false;
        offConnection?.();
        if (close) close();
      },
    });
    return { ok: true, value: subId };
  }

  unsubscribe(owner: string, subId: unknown): boolean {
    if (typeof subId !== 'string') return false;
    const sub = this.subs.get(subId);
    // Only the owner may close its subscription: another window cannot close yours.
    if (!sub || sub.owner !== owner) return false;
    this.subs.delete(subId);
    safeClose(sub);
    return true;
  }

  /** Closes every subscription of an owner (window closed, socket gone). */
  disposeOwner(owner: string): number {
    let n = 0;
    for (const [id, sub] of this.subs) {
      if (sub.owner !== owner) continue;
      this.subs.delete(id);
      safeClose(sub);
      n++;
    }
    return n;
  }

  disposeAll(): void {
    for (const [id, sub] of this.subs) {
      this.subs.delete(id);
      safeClose(sub);
    }
  }

  /** Open subscriptions by name, for leak checks. */
  activeSubscriptions(): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const s of this.subs.values()) counts[s.name] = (counts[s.name] ?? 0) + 1;
    return counts;
  }

  private fail(err: unknown): ApiError {
    if (isConnectionError(err)) this.hooks.onConnectionLost?.((err as Error).message);
    return errorToApi(err);
  }
}

function safeCall(fn: () => void): void {
  try {
    fn();
  } catch {
    // A stream that is already gone has nothing left to close.
  }
}

/** Names a call for an error message without ever throwing (`String({toString: 1})` throws). */
function describeName(name: unknown): string {
  return typeof name === 'string' ? `"${name.slice(0, 100)}"` : `(a ${name === null ? 'null' : typeof name}, not a name)`;
}

function safeClose(sub: ActiveSubscription): void {
  try {
    sub.close();
  } catch {
    // A stream that is already gone has nothing left to close.
  }
}
