/**
 * Builds a dockerode client for a resolved endpoint. The API version is negotiated, never fixed.
 *
 * Three guards sit here because every engine request goes through this client:
 * - docker-modem follows HTTP redirects (its lib/http.js, "based on follow-redirects"), and the
 *   engine answers a path such as `/containers/web//1/json` with a 301 whose target the modem
 *   then fetches, to a host taken from the path, with no error listener: an uncaught exception.
 *   We swap its http/https wrappers for Node's own request, so a 3xx is an error, never followed.
 * - every id or name put into a path is encoded segment by segment;
 * - a request whose path is not a plain sequence of segments (empty or dot segments, a fragment)
 *   is refused before it leaves the process.
 */
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import { createRequire } from 'node:module';
import Docker from 'dockerode';
import type { Endpoint } from './endpoint';

type RequestFn = (options: http.RequestOptions, callback?: (res: http.IncomingMessage) => void) => http.ClientRequest;

let redirectsOff = false;

/** Replaces docker-modem's redirect-following wrappers with Node's plain request (once per process). */
export function disableModemRedirects(): void {
  if (redirectsOff) return;
  const fromDockerode = createRequire(createRequire(import.meta.url).resolve('dockerode'));
  const modemHttp = fromDockerode('docker-modem/lib/http') as Record<string, { request: RequestFn; get: RequestFn }>;
  const plain = (mod: { request: RequestFn; get: RequestFn }) => ({
    request: ((options, callback) => mod.request(options, callback)) as RequestFn,
    get: ((options, callback) => mod.get(options, callback)) as RequestFn,
  });
  modemHttp.http = plain(http as unknown as { request: RequestFn; get: RequestFn });
  modemHttp.https = plain(https as unknown as { request: RequestFn; get: RequestFn });
  redirectsOff = true;
}

/**
 * Encodes a reference for a URL path, one `/`-separated segment at a time (image names keep their
 * slashes, as the engine's routes expect). `:` and `@` stay: they are legal in a path segment and
 * the engine's routes take them as they are (`localhost:5000/web@sha256:...`).
 */
export function encodePathRef(ref: string): string {
  return ref
    .split('/')
    .map((seg) => encodeURIComponent(seg).replace(/%3A/gi, ':').replace(/%40/g, '@'))
    .join('/');
}

/** True when a request path (before its query) is a plain, absolute sequence of non-empty, non-dot segments. */
export function isPlainEnginePath(pathAndQuery: string): boolean {
  const q = pathAndQuery.indexOf('?');
  const p = q < 0 ? pathAndQuery : pathAndQuery.slice(0, q);
  if (!p.startsWith('/') || p.includes('#')) return false;
  const segments = p.slice(1).split('/');
  return segments.every((s) => s !== '' && !/^(\.|%2e){1,2}$/i.test(s) && !/%2f|%5c|\\/i.test(s));
}

/** dockerode with every id encoded into its path and every path checked before it is sent. */
class GuardedDocker extends Docker {
  constructor(options: Docker.DockerOptions) {
    super(options);
    const modem = this.modem as unknown as { dial: (options: { path: string }, callback: (err: unknown, data?: unknown) => void) => void };
    const dial = modem.dial.bind(modem);
    modem.dial = (options, callback) => {
      if (typeof options?.path !== 'string' || !isPlainEnginePath(options.path)) {
        const err = Object.assign(new Error(`Refused to send a malformed path to the engine: ${String(options?.path)}`), { statusCode: 400 });
        return void setImmediate(() => callback(err));
      }
      return dial(options, callback);
    };
  }
  override getContainer(id: string): Docker.Container {
    return super.getContainer(encodePathRef(id));
  }
  override getImage(name: string): Docker.Image {
    return super.getImage(encodePathRef(name));
  }
  override getVolume(name: string): Docker.Volume {
    return super.getVolume(encodePathRef(name));
  }
  override getNetwork(id: string): Docker.Network {
    return super.getNetwork(encodePathRef(id));
  }
  override getExec(id: string): Docker.Exec {
    return super.getExec(encodePathRef(id));
  }
  override getService(id: string): Docker.Service {
    return super.getService(encodePathRef(id));
  }
}

export function createDockerClient(endpoint: Endpoint): Docker {
  disableModemRedirects();
  switch (endpoint.kind) {
    case 'unix':
    case 'npipe':
      return new GuardedDocker({ socketPath: endpoint.socketPath! });
    case 'ssh':
      return new GuardedDocker({
        protocol: 'ssh',
        host: endpoint.host!,
        port: endpoint.port!,
        ...(endpoint.username ? { username: endpoint.username } : {}),
        sshOptions: process.env.SSH_AUTH_SOCK ? { agent: process.env.SSH_AUTH_SOCK } : {},
      });
    case 'tcp': {
      const tls = endpoint.tls;
      const read = (f: string): Buffer | undefined => (fs.existsSync(f) ? fs.readFileSync(f) : undefined);
      return new GuardedDocker({
        protocol: endpoint.protocol === 'https' ? 'https' : 'http',
        host: endpoint.host!,
        port: endpoint.port!,
        ...(tls
          ? {
              ca: read(tls.caPath),
              cert: read(tls.certPath),
              key: read(tls.keyPath),
            }
          : {}),
      } as Docker.DockerOptions);
    }
  }
}
