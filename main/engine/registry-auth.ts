/**
 * Credentials for a registry, looked up and stored the way the docker CLI does:
 * `$DOCKER_CONFIG/config.json` (default ~/.docker/config.json); when it names a credential helper
 * (`credHelpers[registry]`, else `credsStore`) the secret lives in `docker-credential-<helper>`
 * (store/get/erase, JSON on stdin); otherwise in `auths[registry].auth` = base64(user:password),
 * which is encoded, not encrypted. Secrets are never logged.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface RegistryAuth {
  username?: string;
  password?: string;
  identitytoken?: string;
  serveraddress: string;
}

/** The registry host of an image reference, as the docker CLI sees it ("docker.io" by default). */
export function registryOf(reference: string): string {
  const first = reference.split('/')[0] ?? '';
  const isHost = reference.includes('/') && (first.includes('.') || first.includes(':') || first === 'localhost');
  return isHost ? first : 'docker.io';
}

const HUB_KEY = 'https://index.docker.io/v1/';

/** The key the CLI uses in config.json and with helpers: Docker Hub has its historic URL. */
export function configKey(registry: string): string {
  return registry === 'docker.io' || registry === 'index.docker.io' || registry === 'registry-1.docker.io' ? HUB_KEY : registry;
}

export interface DockerConfigFile {
  auths?: Record<string, { auth?: string; identitytoken?: string }>;
  credsStore?: string;
  credHelpers?: Record<string, string>;
  [other: string]: unknown;
}

/** Read at call time so tests (and users) can point DOCKER_CONFIG elsewhere. */
export function dockerConfigPath(): string {
  const dir = process.env.DOCKER_CONFIG || path.join(os.homedir(), '.docker');
  return path.join(dir, 'config.json');
}

export function readDockerConfig(): DockerConfigFile {
  try {
    const parsed: unknown = JSON.parse(fs.readFileSync(dockerConfigPath(), 'utf8'));
    return parsed && typeof parsed === 'object' ? (parsed as DockerConfigFile) : {};
  } catch {
    return {};
  }
}

function writeDockerConfig(cfg: DockerConfigFile): void {
  const file = dockerConfigPath();
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const tmp = `${file}.${process.pid}.tmp`;
  // 0600 like the CLI: the file may hold base64 credentials.
  fs.writeFileSync(tmp, `${JSON.stringify(cfg, null, '\t')}\n`, { mode: 0o600 });
  fs.renameSync(tmp, file);
}

/** The credential helper configured for a registry, if any. */
export function helperFor(registry: string, cfg: DockerConfigFile = readDockerConfig()): string | undefined {
  const key = configKey(registry);
  return cfg.credHelpers?.[key] ?? cfg.credHelpers?.[registry] ?? (cfg.credsStore || undefined);
}

/** Runs `docker-credential-<helper> <action>` with `input` on stdin; never echoes the secret. */
function runHelper(helper: string, action: 'store' | 'get' | 'erase' | 'list', input: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(`docker-credential-${helper}`, [action], { stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', (e) => reject(new Error(`The credential helper docker-credential-${helper} could not run: ${e.message}`)));
    child.on('close', (code) => {
      if (code === 0) resolve(out);
      else reject(new Error(`docker-credential-${helper} ${action} failed: ${(out || err).trim() || `exit ${code}`}`));
    });
    child.stdin.end(input);
  });
}

/** Credentials for a registry, or undefined for anonymous access. */
export async function resolveRegistryAuth(registry: string): Promise<RegistryAuth | undefined> {
  const cfg = readDockerConfig();
  const key = configKey(registry);
  const helper = helperFor(registry, cfg);
  if (helper) {
    try {
      const out = await runHelper(helper, 'get', key);
      const c = JSON.parse(out) as { Username?: string; Secret?: string };
      if (!c.Secret) return undefined;
      // A helper stores identity tokens under the user name "<token>".
      return c.Username === '<token>' ? { identitytoken: c.Secret, serveraddress: key } : { username: c.Username, password: c.Secret, serveraddress: key };
    } catch {
      return undefined; // "credentials not found": anonymous, as the CLI does.
    }
  }
  const entry = cfg.auths?.[key] ?? cfg.auths?.[`http://${registry}`] ?? cfg.auths?.[`https://${registry}`];
  if (entry?.identitytoken) return { identitytoken: entry.identitytoken, serveraddress: key };
  if (!entry?.auth) return undefined;
  const decoded = Buffer.from(entry.auth, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1), serveraddress: key };
}

/** Stores credentials as the CLI would; returns where they went ("config.json" or the helper name). */
export async function storeRegistryAuth(registry: string, username: string, password: string): Promise<string> {
  const cfg = readDockerConfig();
  const key = configKey(registry);
  const helper = helperFor(registry, cfg);
  cfg.auths ??= {};
  if (helper) {
    await runHelper(helper, 'store', JSON.stringify({ ServerURL: key, Username: username, Secret: password }));
    cfg.auths[key] = {}; // the CLI keeps an empty entry so `docker login` lists it
    writeDockerConfig(cfg);
    return `docker-credential-${helper}`;
  }
  cfg.auths[key] = { auth: Buffer.from(`${username}:${password}`, 'utf8').toString('base64') };
  writeDockerConfig(cfg);
  return 'config.json';
}

/** Forgets a registry's credentials; true when there were some. */
export async function eraseRegistryAuth(registry: string): Promise<boolean> {
  const cfg = readDockerConfig();
  const key = configKey(registry);
  const helper = helperFor(registry, cfg);
  let had = Boolean(cfg.auths?.[key]);
  if (helper) {
    try {
      await runHelper(helper, 'erase', key);
      had = true;
    } catch {
      // nothing stored in the helper
    }
  }
  if (cfg.auths && key in cfg.auths) {
    delete cfg.auths[key];
    writeDockerConfig(cfg);
  }
  return had;
}

/** Registries with stored credentials and where they live; user names only, never secrets. */
export async function listRegistryLogins(): Promise<{ registry: string; username?: string; storedIn: string }[]> {
  const cfg = readDockerConfig();
  const out: { registry: string; username?: string; storedIn: string }[] = [];
  for (const key of Object.keys(cfg.auths ?? {})) {
    const registry = key === HUB_KEY ? 'docker.io' : key;
    const helper = helperFor(registry, cfg);
    const auth = await resolveRegistryAuth(registry);
    out.push({ registry, ...(auth?.username ? { username: auth.username } : {}), storedIn: helper ? `docker-credential-${helper}` : 'config.json' });
  }
  return out;
}
