/**
 * Finds the engine endpoint the way the docker CLI does, as pure logic over an injected
 * environment so every rule is unit-testable:
 *
 *   DOCKER_HOST  >  DOCKER_CONTEXT  >  currentContext in config.json  >  platform default
 *
 * (The CLI treats DOCKER_HOST as "use the default context with this host", which is why it
 * beats DOCKER_CONTEXT.)
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import type { EngineEndpointInfo } from '../contract';

export interface Endpoint extends Omit<EngineEndpointInfo, 'tls'> {
  kind: 'unix' | 'npipe' | 'tcp' | 'ssh';
  /** unix socket path or Windows named pipe. */
  socketPath?: string;
  host?: string;
  port?: number;
  protocol?: 'http' | 'https' | 'ssh';
  username?: string;
  tls?: EndpointTls;
}

/** TLS material of an endpoint: where the files are, whether the server is verified, and who said so. */
export interface EndpointTls {
  caPath: string;
  certPath: string;
  keyPath: string;
  /** False for `skip-tls-verify` contexts and for tcp:// with TLS but without DOCKER_TLS_VERIFY. */
  verify: boolean;
  /** Names the setting the files come from, for messages: "DOCKER_CERT_PATH", `context "x"`. */
  from: string;
}

export type EndpointErrorReason = 'bad-docker-host' | 'missing-context' | 'bad-context' | 'bad-config' | 'bad-tls';

/** A configuration mistake the user can fix; the message names the variable or file at fault. */
export class EndpointError extends Error {
  constructor(
    readonly reason: EndpointErrorReason,
    message: string,
    readonly hint: string,
  ) {
    super(message);
    this.name = 'EndpointError';
  }
}

export interface EndpointEnv {
  env: Record<string, string | undefined>;
  platform: NodeJS.Platform;
  homedir: string;
  /** Returns the file's text, or undefined when it does not exist. */
  readFile(file: string): string | undefined;
  exists(file: string): boolean;
  /** Names in a folder ([] when it does not exist); used to list contexts. */
  listDir?(dir: string): string[];
}

/** TLS settings a context imposes on its host (contexts ignore DOCKER_TLS_VERIFY / DOCKER_CERT_PATH). */
export interface ContextTls {
  dir: string;
  skipVerify: boolean;
  /** True when the context stores TLS files; with skipVerify alone TLS is used without them. */
  hasFiles: boolean;
  from: string;
}

export function defaultEndpointUrl(e: Pick<EndpointEnv, 'platform' | 'homedir' | 'exists'>): string {
  if (e.platform === 'win32') return 'npipe:////./pipe/docker_engine';
  if (e.platform === 'darwin') {
    // Docker Desktop for Mac keeps its socket per user; /var/run/docker.sock only exists when
    // the user allowed the privileged symlink.
    const userSock = path.posix.join(e.homedir, '.docker/run/docker.sock');
    if (e.exists(userSock) && !e.exists('/var/run/docker.sock')) return `unix://${userSock}`;
  }
  return 'unix:///var/run/docker.sock';
}

/** Parses one endpoint URL (DOCKER_HOST syntax). `what` names the source in error messages. */
export function parseHostUrl(
  raw: string,
  what: string,
  e: Pick<EndpointEnv, 'env' | 'homedir'>,
  contextTls?: ContextTls,
): Omit<Endpoint, 'source' | 'context'> {
  const value = raw.trim();
  const fix = 'Use unix:///path/to/docker.sock, npipe:////./pipe/docker_engine, tcp://HOST:PORT or ssh://USER@HOST.';
  const m = /^([a-z]+):\/\/(.*)$/i.exec(value);
  if (!m) throw new EndpointError('bad-docker-host', `${what} "${raw}" is not a valid engine address: it has no scheme.`, fix);
  const scheme = m[1]!.toLowerCase();
  const rest = m[2]!;
  switch (scheme) {
    case 'unix': {
      if (!rest.startsWith('/')) {
        throw new EndpointError('bad-docker-host', `${what} "${raw}" must name an absolute socket path after unix://.`, fix);
      }
      return { kind: 'unix', url: `unix://${rest}`, socketPath: rest };
    }
    case 'npipe': {
      // npipe:////./pipe/docker_engine -> //./pipe/docker_engine
      const pipe = rest.replace(/^\/*/, '//');
      if (!/^\/\/[^/]+\/pipe\/.+/.test(pipe)) {
        throw new EndpointError('bad-docker-host', `${what} "${raw}" is not a named pipe (expected npipe:////./pipe/NAME).`, fix);
      }
      return { kind: 'npipe', url: `npipe://${pipe}`, socketPath: pipe };
    }
    case 'tcp':
    case 'http':
    case 'https': {
      const hp = parseHostPort(rest, what, raw, fix);
      // A context carries its own TLS settings; otherwise the CLI's environment variables apply.
      const verify = contextTls ? !contextTls.skipVerify : scheme === 'https' || isTruthy(e.env.DOCKER_TLS_VERIFY);
      const certDir = contextTls?.dir ?? (e.env.DOCKER_CERT_PATH || configDir(e));
      const from = contextTls?.from ?? (e.env.DOCKER_CERT_PATH ? 'DOCKER_CERT_PATH' : `DOCKER_CERT_PATH (not set, so ${configDir(e)})`);
      const usesTls = contextTls ? contextTls.hasFiles || contextTls.skipVerify : verify;
      const port = hp.port ?? (usesTls ? 2376 : 2375);
      return {
        kind: 'tcp',
        url: `tcp://${hp.host}:${port}`,
        host: hp.host,
        port,
        protocol: usesTls ? 'https' : 'http',
        ...(usesTls
          ? {
              tls: {
                caPath: path.join(certDir, 'ca.pem'),
                certPath: path.join(certDir, 'cert.pem'),
                keyPath: path.join(certDir, 'key.pem'),
                verify,
                from,
              },
            }
          : {}),
      };
    }
    case 'ssh': {
      const at = rest.lastIndexOf('@');
      const username = at >= 0 ? rest.slice(0, at) : undefined;
      const hp = parseHostPort(at >= 0 ? rest.slice(at + 1) : rest, what, raw, fix);
      const port = hp.port ?? 22;
      return {
        kind: 'ssh',
        url: `ssh://${username ? `${username}@` : ''}${hp.host}${hp.port ? `:${hp.port}` : ''}`,
        host: hp.host,
        port,
        protocol: 'ssh',
        ...(username ? { username } : {}),
      };
    }
    default:
      throw new EndpointError('bad-docker-host', `${what} "${raw}" uses the unsupported scheme "${scheme}://".`, fix);
  }
}

function parseHostPort(rest: string, what: string, raw: string, fix: string): { host: string; port?: number } {
  const trimmed = rest.replace(/\/+$/, '');
  const m = /^(\[[0-9a-fA-F:]+\]|[A-Za-z0-9._-]+)(?::(\d+))?$/.exec(trimmed);
  if (!m) throw new EndpointError('bad-docker-host', `${what} "${raw}" has no valid host name.`, fix);
  const host = m[1]!.replace(/^\[|\]$/g, '');
  if (m[2] === undefined) return { host };
  const port = Number(m[2]);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new EndpointError('bad-docker-host', `${what} "${raw}" has port ${m[2]}, outside 1-65535.`, fix);
  }
  return { host, port };
}

function isTruthy(v: string | undefined): boolean {
  return v !== undefined && v !== '' && v !== '0' && v.toLowerCase() !== 'false';
}

function configDir(e: Pick<EndpointEnv, 'env' | 'homedir'>): string {
  return e.env.DOCKER_CONFIG || path.join(e.homedir, '.docker');
}

/** The docker CLI stores a context's metadata under the SHA-256 of its name. */
export function contextDirName(name: string): string {
  return createHash('sha256').update(name).digest('hex');
}

/** Resolves the endpoint to use; throws EndpointError for configuration mistakes. */
export function resolveEndpoint(e: EndpointEnv): Endpoint {
  const dockerHost = e.env.DOCKER_HOST;
  if (dockerHost !== undefined && dockerHost.trim() !== '') {
    return { ...parseHostUrl(dockerHost, 'DOCKER_HOST', e), source: 'DOCKER_HOST' };
  }

  let contextName: string | undefined;
  let source: Endpoint['source'] = 'default';
  if (e.env.DOCKER_CONTEXT && e.env.DOCKER_CONTEXT.trim() !== '') {
    contextName = e.env.DOCKER_CONTEXT.trim();
    source = 'DOCKER_CONTEXT';
  } else {
    const cfgFile = path.join(configDir(e), 'config.json');
    const text = e.readFile(cfgFile);
    if (text !== undefined && text.trim() !== '') {
      let cfg: unknown;
      try {
        cfg = JSON.parse(text);
      } catch (err) {
        throw new EndpointError(
          'bad-config',
          `${cfgFile} is not valid JSON (${(err as Error).message}).`,
          'Fix or remove the file; the docker CLI reads the same file.',
        );
      }
      const current = (cfg as { currentContext?: unknown }).currentContext;
      if (typeof current === 'string' && current !== '') {
        contextName = current;
        source = 'config-context';
      }
    }
  }

  if (contextName === undefined || contextName === 'default') {
    return { ...parseHostUrl(defaultEndpointUrl(e), 'the default socket', e), source: 'default', ...(contextName ? { context: 'default' } : {}) };
  }

  const from = source === 'DOCKER_CONTEXT' ? 'DOCKER_CONTEXT' : `currentContext in ${path.join(configDir(e), 'config.json')}`;
  return contextEndpoint(contextName, e, source, from);
}

/** The endpoint of a named docker context (`docker context inspect NAME`), TLS settings included. */
export function contextEndpoint(contextName: string, e: EndpointEnv, source: Endpoint['source'], from = 'the engine switcher'): Endpoint {
  if (contextName === 'default') {
    // The CLI's "default" context is DOCKER_HOST when set, else the platform default.
    const host = e.env.DOCKER_HOST?.trim();
    return host
      ? { ...parseHostUrl(host, 'DOCKER_HOST', e), source, context: 'default' }
      : { ...parseHostUrl(defaultEndpointUrl(e), 'the default socket', e), source, context: 'default' };
  }
  const dir = contextDirName(contextName);
  const metaFile = path.join(configDir(e), 'contexts', 'meta', dir, 'meta.json');
  const metaText = e.readFile(metaFile);
  if (metaText === undefined) {
    throw new EndpointError(
      'missing-context',
      `The docker context "${contextName}" (from ${from}) does not exist.`,
      'Run `docker context ls` to see the contexts you have, or `docker context use default`.',
    );
  }
  let meta: { Endpoints?: { docker?: { Host?: unknown; SkipTLSVerify?: unknown } } };
  try {
    meta = JSON.parse(metaText) as typeof meta;
  } catch (err) {
    throw new EndpointError('bad-context', `${metaFile} (context "${contextName}") is not valid JSON (${(err as Error).message}).`, 'Recreate the context with `docker context create`.');
  }
  const host = meta.Endpoints?.docker?.Host;
  if (typeof host !== 'string' || host === '') {
    throw new EndpointError('bad-context', `The docker context "${contextName}" has no docker endpoint host in ${metaFile}.`, 'Recreate the context with `docker context create`.');
  }
  const tlsDir = path.join(configDir(e), 'contexts', 'tls', dir, 'docker');
  const hasFiles = ['ca.pem', 'cert.pem', 'key.pem'].some((f) => e.exists(path.join(tlsDir, f)));
  const skipVerify = meta.Endpoints?.docker?.SkipTLSVerify === true;
  const parsed = parseHostUrl(host, `Context "${contextName}" host`, e, { dir: tlsDir, skipVerify, hasFiles, from: `context "${contextName}" (${tlsDir})` });
  return { ...parsed, source, context: contextName };
}

/** Every context like `docker context ls`: "default" first, then the stored ones by name. */
export function listContexts(e: EndpointEnv): { name: string; endpoint?: Endpoint; error?: string }[] {
  const metaRoot = path.join(configDir(e), 'contexts', 'meta');
  const names = new Set<string>();
  for (const dir of e.listDir?.(metaRoot) ?? []) {
    const text = e.readFile(path.join(metaRoot, dir, 'meta.json'));
    if (text === undefined) continue;
    try {
      const name = (JSON.parse(text) as { Name?: unknown }).Name;
      if (typeof name === 'string' && name !== '' && contextDirName(name) === dir) names.add(name);
    } catch {
      // A damaged context is reported by name only when it is used.
    }
  }
  return ['default', ...[...names].sort()].map((name) => {
    try {
      return { name, endpoint: contextEndpoint(name, e, 'switcher') };
    } catch (err) {
      return { name, error: (err as Error).message };
    }
  });
}
