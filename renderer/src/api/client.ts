/**
 * The renderer's single entry to the engine. In Electron the preload put `window.dockside` there;
 * in a browser we open the WebSocket transport. Views only ever see the DocksideApi interface.
 */
import type { ApiError, CallArgs, CallName, CallResult, DocksideApi, Result } from '../../../main/contract';
import { browserSecret, sessionStillValid } from './browser-session';
import { createWsTransport } from './ws-transport';

export { sessionProblem } from './browser-session';

declare global {
  interface Window {
    dockside?: DocksideApi;
  }
}

let instance: DocksideApi | null = null;
const transportListeners = new Set<(up: boolean) => void>();

export function api(): DocksideApi {
  if (instance) return instance;
  if (window.dockside) {
    instance = window.dockside;
  } else {
    // A link pasted into this tab only changes the fragment (no page load): start over with it.
    window.addEventListener('hashchange', () => {
      if (/(?:^#|&)code=/.test(window.location.hash)) window.location.reload();
    });
    const url = `${window.location.protocol === 'https:' ? 'wss' : 'ws'}://${window.location.host}/api`;
    instance = createWsTransport(url, (up) => transportListeners.forEach((cb) => cb(up)), {
      // The secret rides as a sub-protocol value: the one header a page may set on a WebSocket.
      protocols: async () => {
        const secret = await browserSecret();
        return secret ? ['dockside', `dockside.secret.${secret}`] : null;
      },
      stillValid: sessionStillValid,
    });
  }
  return instance;
}

/** Told when the browser-mode socket to the app server drops or comes back. */
export function onTransportChange(cb: (up: boolean) => void): () => void {
  transportListeners.add(cb);
  return () => transportListeners.delete(cb);
}

const failureListeners = new Set<(name: CallName, error: ApiError, args: unknown) => void>();

/** Told about every call that failed (notifications show the action ones). */
export function onCallFailure(cb: (name: CallName, error: ApiError, args: unknown) => void): () => void {
  failureListeners.add(cb);
  return () => failureListeners.delete(cb);
}

export function call<N extends CallName>(name: N, args: CallArgs<N>): Promise<Result<CallResult<N>>> {
  return api()
    .invoke(name, args)
    .then((r) => {
      if (!r.ok) failureListeners.forEach((cb) => cb(name, r.error, args));
      return r;
    });
}
