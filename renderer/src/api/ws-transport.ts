/**
 * Browser-mode transport: the DocksideApi over one WebSocket to `npm run serve`. The session
 * secret is offered as a WebSocket sub-protocol value (never in the URL). If the socket drops,
 * calls fail as data and live subscriptions are re-opened when it comes back; if the server
 * refuses the session, it stops trying and says so.
 */
import type { ApiError, DocksideApi, Result, ServerMessage } from '../../../main/contract';

interface LiveSub {
  name: string;
  args: unknown;
  onEvent: (e: never) => void;
  onError?: (e: ApiError) => void;
  serverId: string | null;
  closed: boolean;
}

export interface WsAuth {
  /** Sub-protocols to offer (the secret among them), or null when there is no session. */
  protocols(): Promise<string[] | null>;
  /** Called when a connection attempt failed: false stops retrying (the session is gone). */
  stillValid(): Promise<boolean>;
}

export function createWsTransport(url: string, onConnectionChange?: (up: boolean) => void, auth?: WsAuth): DocksideApi {
  let ws: WebSocket | null = null;
  let ready: Promise<WebSocket> | null = null;
  let nextReq = 1;
  const pending = new Map<number, (msg: ServerMessage) => void>();
  const subs = new Map<string, LiveSub>(); // by server id
  const live = new Set<LiveSub>();
  // The first events of a subscription can arrive before its 'subscribed' reply; hold them.
  const early = new Map<string, ServerMessage[]>();

  const connect = (): Promise<WebSocket> => {
    if (ready) return ready;
    ready = (async () => {
      const protocols = auth ? await auth.protocols() : [];
      if (protocols === null) {
        onConnectionChange?.(false);
        throw new Error('no session');
      }
      return open(protocols);
    })();
    ready.catch(() => undefined);
    return ready;
  };

  const open = (protocols: string[]): Promise<WebSocket> =>
    new Promise<WebSocket>((resolve, reject) => {
      const sock = new WebSocket(url, protocols);
      sock.onopen = () => {
        ws = sock;
        onConnectionChange?.(true);
        resolve(sock);
        for (const s of live) void openOnServer(s);
      };
      sock.onmessage = (ev) => {
        const msg = JSON.parse(String(ev.data)) as ServerMessage;
        if (msg.type === 'result' || msg.type === 'subscribed') {
          pending.get(msg.reqId)?.(msg);
          pending.delete(msg.reqId);
        } else if (msg.type === 'error' && msg.reqId !== null) {
          // The server could not read our message: fail that request with its words.
          pending.get(msg.reqId)?.({ type: 'result', reqId: msg.reqId, result: { ok: false, error: msg.error } });
          pending.delete(msg.reqId);
        } else if (msg.type === 'event' || msg.type === 'sub-error') {
          route(msg);
        } else if (msg.type === 'events') {
          for (const e of msg.events) route({ type: 'event', subId: e.subId, event: e.event });
        }
      };
      sock.onclose = () => {
        const wasOpen = ws === sock;
        ws = null;
        ready = null;
        subs.clear();
        early.clear();
        for (const s of live) s.serverId = null;
        for (const [, cb] of pending) cb({ type: 'result', reqId: 0, result: { ok: false, error: lost } });
        pending.clear();
        if (wasOpen) onConnectionChange?.(false);
        else reject(new Error('connection refused'));
        // Come back when the server does (subscriptions re-open in onopen), unless it no longer
        // knows our session: then the status bar says how to get a new link.
        void (async () => {
          const keepTrying = auth ? await auth.stillValid() : true;
          if (!keepTrying) {
            onConnectionChange?.(false);
            return;
          }
          setTimeout(() => void connect().catch(() => undefined), 1500);
        })();
      };
    });

  const route = (msg: Extract<ServerMessage, { type: 'event' | 'sub-error' }>) => {
    const s = subs.get(msg.subId);
    if (s) deliver(s, msg);
    else {
      const queue = early.get(msg.subId) ?? [];
      if (queue.length < 1000) queue.push(msg);
      early.set(msg.subId, queue);
    }
  };

  const deliver = (s: LiveSub, msg: ServerMessage) => {
    if (s.closed) return;
    if (msg.type === 'event') s.onEvent(msg.event as never);
    else if (msg.type === 'sub-error') s.onError?.(msg.error);
  };

  const lost: ApiError = { code: 'not-connected', message: 'Lost the connection to the Dockside server.' };

  const request = async (msg: Record<string, unknown>): Promise<ServerMessage> => {
    let sock: WebSocket;
    try {
      sock = await connect();
    } catch {
      return { type: 'result', reqId: 0, result: { ok: false, error: lost } };
    }
    const reqId = nextReq++;
    return new Promise<ServerMessage>((resolve) => {
      pending.set(reqId, resolve);
      sock.send(JSON.stringify({ ...msg, reqId }));
    });
  };

  const openOnServer = async (s: LiveSub): Promise<Result<string>> => {
    const msg = await request({ type: 'subscribe', name: s.name, args: s.args });
    const result = (msg as Extract<ServerMessage, { type: 'subscribed' | 'result' }>).result as Result<string>;
    if (result.ok) {
      if (s.closed) ws?.send(JSON.stringify({ type: 'unsubscribe', subId: result.value }));
      else {
        s.serverId = result.value;
        subs.set(result.value, s);
        for (const m of early.get(result.value) ?? []) deliver(s, m);
      }
      early.delete(result.value);
    }
    return result;
  };

  return {
    async invoke(name, args) {
      const msg = await request({ type: 'invoke', name, args });
      return (msg as Extract<ServerMessage, { type: 'result' }>).result as never;
    },
    async subscribe(name, args, onEvent, onError) {
      const s: LiveSub = { name, args, onEvent: onEvent as (e: never) => void, serverId: null, closed: false, ...(onError ? { onError } : {}) };
      const result = await openOnServer(s);
      if (!result.ok) throw result.error;
      live.add(s);
      return () => {
        s.closed = true;
        live.delete(s);
        if (s.serverId) {
          subs.delete(s.serverId);
          ws?.send(JSON.stringify({ type: 'unsubscribe', subId: s.serverId }));
        }
      };
    },
  };
}
