/**
 * Builds a dockerode client for a resolved endpoint, and only from it. The API version is
 * negotiated, never fixed.
 *
 * docker-modem reads DOCKER_HOST, DOCKER_TLS_VERIFY, DOCKER_CERT_PATH (and a few more) from the
 * environment when a client is made, and what it finds there beats the options it is given: with
 * DOCKER_HOST=tcp://... set, a client asked for a unix socket still talked to the tcp host, and a
 * DOCKER_CERT_PATH without cert files threw ENOENT out of the constructor. So the modem is made
 * with those variables hidden, and every field comes from Dockside's own endpoint.
 *
 * One branch per scheme: a transport (ssh, ...) plugs in as its own branch of `createModem`.
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
import Modem from 'docker-modem';
import { EndpointError, type Endpoint, type EndpointTls } from './endpoint';
import { ENGINE_IDLE_SOCKET_MS, EngineHttpAgent, EngineHttpsAgent } from './engine-agent';
import { sshModemOptions } from './ssh/ssh-docker-client';

/** Variables docker-modem reads by itself (see node_modules/docker-modem/lib/modem.js). */
const MODEM_ENV = ['DOCKER_HOST', 'DOCKER_TLS_VERIFY', 'DOCKER_CERT_PATH', 'DOCKER_PATH_PREFIX', 'DOCKER_CLIENT_TIMEOUT'] as const;

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
  return new GuardedDocker({ modem: createModem(endpoint) } as Docker.DockerOptions);
}

/** The modem (connection settings) for an endpoint; throws EndpointError for unreadable TLS files. */
export function createModem(endpoint: Endpoint): Modem {
  switch (endpoint.kind) {
    case 'unix':
    case 'npipe':
      return modemWithoutEnv({ socketPath: endpoint.socketPath!, agent: keepAliveAgent() } as Modem.ConstructorOptions);
    case 'ssh':
      return modemWithoutEnv(sshModemOptions(endpoint));
    case 'tcp': {
      if (!endpoint.tls) return modemWithoutEnv({ protocol: 'http', host: endpoint.host!, port: endpoint.port!, agent: keepAliveAgent() } as Modem.ConstructorOptions);
      const material = readTlsMaterial(endpoint.tls);
      return modemWithoutEnv({
        protocol: 'https',
        host: endpoint.host!,
        port: endpoint.port!,
        ...material,
        // The agent carries the verification choice: contexts with skip-tls-verify (and tcp://
        // with TLS but without DOCKER_TLS_VERIFY, as in the CLI) do not check the server.
        agent: new EngineHttpsAgent({ ...material, rejectUnauthorized: endpoint.tls.verify, keepAlive: true, timeout: ENGINE_IDLE_SOCKET_MS }),
      } as Modem.ConstructorOptions);
    }
  }
}

/** Keep-alive connections for one client (a unix socket or a plain tcp engine): a sample every few seconds reuses one. */
function keepAliveAgent(): EngineHttpAgent {
  return new EngineHttpAgent({ keepAlive: true, timeout: ENGINE_IDLE_SOCKET_MS });
}

/** Makes a modem while the variables it would read are hidden (synchronous: nothing else runs meanwhile). */
function modemWithoutEnv(options: Modem.ConstructorOptions): Modem {
  const saved = MODEM_ENV.map((k) => [k, process.env[k]] as const);
  for (const k of MODEM_ENV) delete process.env[k];
  try {
    return new Modem(options);
  } finally {
    for (const [k, v] of saved) if (v !== undefined) process.env[k] = v;
  }
}

/**
 * Reads ca.pem, cert.pem and key.pem like the docker CLI: the CA is needed when the server is
 * verified; a missing client pair is allowed (the server decides whether it wants one); a file
 * that exists but cannot be read, or half a pair, is an error naming the file and the setting.
 */
export function readTlsMaterial(tls: EndpointTls): { ca?: Buffer; cert?: Buffer; key?: Buffer } {
  const read = (file: string, what: string, required: boolean): Buffer | undefined => {
    try {
      return fs.readFileSync(file);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' && !required) return undefined;
      const why = code === 'ENOENT' ? 'does not exist' : code === 'EACCES' ? 'cannot be read (permission denied)' : `cannot be read (${(err as Error).message})`;
      throw new EndpointError(
        'bad-tls',
        `The TLS ${what} ${file} (from ${tls.from}) ${why}.`,
        'Point DOCKER_CERT_PATH (or the context\'s TLS settings) at a folder holding ca.pem, cert.pem and key.pem, or unset DOCKER_TLS_VERIFY for an engine without TLS.',
      );
    }
  };
  const ca = read(tls.caPath, 'CA certificate', tls.verify);
  const cert = read(tls.certPath, 'client certificate', false);
  const key = read(tls.keyPath, 'client key', false);
  if ((cert === undefined) !== (key === undefined)) {
    const missing = cert === undefined ? tls.certPath : tls.keyPath;
    throw new EndpointError('bad-tls', `The TLS client ${cert === undefined ? 'certificate' : 'key'} ${missing} (from ${tls.from}) does not exist, but its pair does.`, 'Keep cert.pem and key.pem together in the same folder.');
  }
  return { ...(ca ? { ca } : {}), ...(cert ? { cert } : {}), ...(key ? { key } : {}) };
}
