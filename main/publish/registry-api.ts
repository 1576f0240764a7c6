/**
 * A small registry HTTP API v2 client: lists a repository's tags, following the registry's
 * WWW-Authenticate challenge (Basic, or Bearer with a token from the realm) with the stored
 * credentials.
 *
 * Credentials go only to the registry they belong to: over HTTPS, or plain HTTP for a loopback
 * registry or one the engine marks insecure (`--insecure-registry`). A Bearer realm on another
 * host (or over plain HTTP to a secure registry) gets an anonymous token request instead, and no
 * redirect is followed while credentials are attached.
 */
import { configKey, registryOf, resolveRegistryAuth, type RegistryAuth } from '../engine/registry-auth';

export class RegistryError extends Error {
  constructor(
    message: string,
    readonly statusCode?: number,
  ) {
    super(message);
  }
}

/** Splits "localhost:5000/shop/web" into registry host and repository path (Hub adds library/). */
export function isLoopbackHost(host: string): boolean {
  return /^(localhost|127\.\d+\.\d+\.\d+|\[::1\])(:\d+)?$/i.test(host);
}

export function splitRepository(repository: string, insecure = false): { registry: string; path: string; baseUrl: string } {
  const registry = registryOf(repository);
  let rest = registry === 'docker.io' && !repository.startsWith('docker.io/') ? repository : repository.slice(registry.length + 1);
  const colon = rest.lastIndexOf(':');
  if (colon > rest.lastIndexOf('/')) rest = rest.slice(0, colon); // drop a tag
  if (registry === 'docker.io' && !rest.includes('/')) rest = `library/${rest}`;
  const host = registry === 'docker.io' ? 'registry-1.docker.io' : registry;
  const plain = isLoopbackHost(host) || (insecure && registry !== 'docker.io');
  return { registry, path: rest, baseUrl: `${plain ? 'http' : 'https'}://${host}` };
}

/** Token services that belong to a registry though they live on another host (Docker Hub's). */
const KNOWN_REALMS: Record<string, string[]> = { 'registry-1.docker.io': ['auth.docker.io'] };

/**
 * May the credentials for the registry at `baseUrl` be sent to this Bearer realm? Only to the
 * registry's own host (or its known token service), and only over HTTPS unless the registry
 * itself is reached over plain HTTP (loopback or marked insecure) and the realm is that same host.
 */
export function realmMayGetCredentials(baseUrl: string, realm: URL): boolean {
  const registry = new URL(baseUrl);
  const sameHost = realm.host.toLowerCase() === registry.host.toLowerCase();
  const known = (KNOWN_REALMS[registry.host.toLowerCase()] ?? []).includes(realm.host.toLowerCase());
  if (!sameHost && !known) return false;
  if (realm.protocol === 'https:') return true;
  return realm.protocol === 'http:' && registry.protocol === 'http:' && sameHost;
}

/** Parses `Bearer realm="...",service="...",scope="..."` into its scheme and parameters. */
export function parseChallenge(header: string): { scheme: string; params: Record<string, string> } {
  const m = /^(\w+)\s*(.*)$/.exec(header.trim());
  const params: Record<string, string> = {};
  if (!m) return { scheme: '', params };
  for (const p of m[2]!.matchAll(/(\w+)="([^"]*)"/g)) params[p[1]!.toLowerCase()] = p[2]!;
  return { scheme: m[1]!.toLowerCase(), params };
}

function basic(auth: RegistryAuth | undefined): string | undefined {
  return auth?.username !== undefined && auth.password !== undefined ? `Basic ${Buffer.from(`${auth.username}:${auth.password}`).toString('base64')}` : undefined;
}

async function registryMessage(res: Response): Promise<string> {
  const text = await res.text().catch(() => '');
  try {
    const body = JSON.parse(text) as { errors?: { code?: string; message?: string }[] };
    const e = body.errors?.[0];
    if (e) return `${(e.code ?? '').toLowerCase().replace(/_/g, ' ')}: ${e.message ?? ''}`.trim();
  } catch {
    // not JSON
  }
  return `${res.status} ${res.statusText}${text ? `: ${text.trim().slice(0, 300)}` : ''}`;
}

async function get(url: string, authorization: string | undefined, signal: AbortSignal): Promise<Response> {
  let res: Response;
  try {
    // Never follow a redirect: with credentials attached it could carry them elsewhere.
    res = await fetch(url, { headers: { Accept: 'application/json', ...(authorization ? { Authorization: authorization } : {}) }, signal, redirect: 'manual' });
  } catch (err) {
    const cause = (err as { cause?: { code?: string; message?: string } }).cause;
    throw new RegistryError(`The registry at ${new URL(url).host} is unreachable: ${cause?.code ?? cause?.message ?? (err as Error).message}`);
  }
  if (res.status >= 300 && res.status < 400) {
    throw new RegistryError(`The registry at ${new URL(url).host} redirected to ${res.headers.get('location') ?? 'another address'}; Dockside does not follow registry redirects.`, res.status);
  }
  return res;
}

/** GETs a v2 path with whatever auth flow the registry asks for. */
export async function registryGet(repository: string, v2Path: string, auth?: RegistryAuth, insecure = false): Promise<Response> {
  const { registry, baseUrl } = splitRepository(repository, insecure);
  const creds = auth ?? (await resolveRegistryAuth(registry));
  const url = `${baseUrl}/v2/${v2Path}`;
  const signal = AbortSignal.timeout(15_000);
  let res = await get(url, undefined, signal);
  if (res.status !== 401) return res;
  const challenge = parseChallenge(res.headers.get('www-authenticate') ?? '');
  if (challenge.scheme === 'basic') {
    res = await get(url, basic(creds), signal);
  } else if (challenge.scheme === 'bearer' && challenge.params.realm) {
    let tokenUrl: URL;
    try {
      tokenUrl = new URL(challenge.params.realm);
    } catch {
      throw new RegistryError(`The registry's token realm "${challenge.params.realm}" is not a URL.`);
    }
    if (tokenUrl.protocol !== 'https:' && tokenUrl.protocol !== 'http:') throw new RegistryError(`The registry's token realm "${tokenUrl.protocol}" is not HTTP(S).`);
    if (challenge.params.service) tokenUrl.searchParams.set('service', challenge.params.service);
    if (challenge.params.scope) tokenUrl.searchParams.set('scope', challenge.params.scope);
    // Credentials only to the registry's own token service; anywhere else, ask anonymously.
    const tokenRes = await get(tokenUrl.toString(), realmMayGetCredentials(baseUrl, tokenUrl) ? basic(creds) : undefined, signal);
    if (!tokenRes.ok) throw new RegistryError(await registryMessage(tokenRes), tokenRes.status);
    const body = (await tokenRes.json()) as { token?: string; access_token?: string };
    res = await get(url, `Bearer ${body.token ?? body.access_token ?? ''}`, signal);
  }
  return res;
}

/** `GET /v2/<name>/tags/list`: the tags the registry holds, sorted. */
export async function listRegistryTags(repository: string, auth?: RegistryAuth, insecure = false): Promise<{ repository: string; tags: string[] }> {
  const { path } = splitRepository(repository, insecure);
  const res = await registryGet(repository, `${path}/tags/list`, auth, insecure);
  if (!res.ok) throw new RegistryError(await registryMessage(res), res.status);
  const body = (await res.json()) as { tags?: string[] | null };
  return { repository, tags: [...(body.tags ?? [])].sort() };
}

export { configKey };
