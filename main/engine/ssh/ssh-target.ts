/**
 * Where and as whom to connect for an ssh:// engine address, resolved like `ssh` resolves it:
 * the URL's user and port win, then ~/.ssh/config (then /etc/ssh/ssh_config), then ssh's own
 * defaults: the local user name (never an empty one), port 22, ~/.ssh/id_ed25519, id_ecdsa,
 * id_rsa, the agent at SSH_AUTH_SOCK, ~/.ssh/known_hosts. Pure over an injected environment.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SSHConfig from 'ssh-config';

export interface SshEnv {
  home: string;
  env: Record<string, string | undefined>;
  /** The local login name, used when neither the URL nor the config names a user. */
  localUser: string;
  readFile(file: string): string | undefined;
}

export interface SshTarget {
  /** The name in the URL (a ~/.ssh/config Host alias, or the real host). */
  alias: string;
  /** The host to connect to (HostName from the config, else the alias). */
  hostname: string;
  port: number;
  user: string;
  /** Private key files to try, in order (only those that exist are used). */
  identityFiles: string[];
  /** The agent socket, or null when there is none (or IdentityAgent none / IdentitiesOnly). */
  agent: string | null;
  userKnownHostsFiles: string[];
  globalKnownHostsFiles: string[];
  /** The name looked up in known_hosts: HostKeyAlias, else host / [host]:port. */
  hostKeyName: string;
  hashKnownHosts: boolean;
  /** StrictHostKeyChecking: "ask" (default) refuses unknown keys until the user trusts them. */
  strictHostKeyChecking: 'ask' | 'yes' | 'accept-new' | 'no';
  connectTimeoutMs: number;
  /** Human form for messages: user@host:port. */
  display: string;
}

export const DEFAULT_IDENTITIES = ['id_ed25519', 'id_ecdsa', 'id_rsa'];

export function processSshEnv(): SshEnv {
  let localUser = process.env.USER || process.env.LOGNAME || '';
  try {
    localUser = os.userInfo().username || localUser;
  } catch {
    // No passwd entry (some containers): keep $USER.
  }
  return {
    home: os.homedir(),
    env: process.env,
    localUser: localUser || 'root',
    readFile: (f) => {
      try {
        return fs.readFileSync(f, 'utf8');
      } catch {
        return undefined;
      }
    },
  };
}

/** Parses ssh://[user@]host[:port] (the same syntax DOCKER_HOST and contexts use). */
export function parseSshUrl(url: string): { user?: string; host: string; port?: number } {
  const u = new URL(url);
  if (u.protocol !== 'ssh:') throw new Error(`${url} is not an ssh:// address`);
  const host = u.hostname.replace(/^\[|\]$/g, '');
  return {
    ...(u.username ? { user: decodeURIComponent(u.username) } : {}),
    host,
    ...(u.port ? { port: Number(u.port) } : {}),
  };
}

function first(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v;
}

function all(v: string | string[] | undefined): string[] {
  return v === undefined ? [] : Array.isArray(v) ? v : [v];
}

/** Expands ~ and the %-tokens ssh allows in IdentityFile / UserKnownHostsFile. */
function expand(file: string, e: SshEnv, t: { host: string; user: string; port: number; alias: string }): string {
  const withTokens = file.replace(/%([%dhpru])/g, (_, c: string) =>
    c === '%' ? '%' : c === 'd' ? e.home : c === 'h' ? t.host : c === 'p' ? String(t.port) : c === 'r' ? t.user : c === 'u' ? e.localUser : t.alias,
  );
  if (withTokens === '~') return e.home;
  if (withTokens.startsWith('~/')) return path.join(e.home, withTokens.slice(2));
  return path.isAbsolute(withTokens) ? withTokens : path.join(e.home, '.ssh', withTokens);
}

function computeConfig(text: string | undefined, host: string): Record<string, string | string[]> {
  if (!text) return {};
  try {
    // matchExec off: computing must never run commands from a config file. (Queried by host
    // only: given a User, the library reports it back as the config's User.)
    return SSHConfig.parse(text).compute(host, { ignoreCase: true, matchExec: false });
  } catch {
    return {};
  }
}

export function resolveSshTarget(url: string, e: SshEnv): SshTarget {
  const parsed = parseSshUrl(url);
  const userCfg = computeConfig(e.readFile(path.join(e.home, '.ssh', 'config')), parsed.host);
  const sysCfg = computeConfig(e.readFile('/etc/ssh/ssh_config'), parsed.host);
  // ssh takes the first value obtained: the user's file, then the system's; IdentityFile adds up.
  const get = (k: string) => first(userCfg[k]) ?? first(sysCfg[k]);
  const alias = parsed.host;
  const hostname = (get('hostname') ?? alias).replace(/%h/g, alias);
  const portText = parsed.port ?? get('port');
  const port = portText !== undefined && Number.isInteger(Number(portText)) ? Number(portText) : 22;
  const user = parsed.user ?? get('user') ?? e.localUser;
  const tokens = { host: hostname, user, port, alias };

  const configured = [...all(userCfg.identityfile), ...all(sysCfg.identityfile)];
  const identityFiles = (configured.length ? configured : DEFAULT_IDENTITIES.map((n) => `~/.ssh/${n}`)).map((f) => expand(f, e, tokens));

  const identitiesOnly = /^yes$/i.test(get('identitiesonly') ?? '');
  const identityAgent = get('identityagent');
  let agent: string | null = identityAgent && identityAgent !== 'SSH_AUTH_SOCK' ? expand(identityAgent, e, tokens) : (e.env.SSH_AUTH_SOCK ?? null);
  if (identityAgent === 'none' || identitiesOnly || agent === '') agent = null;

  const userKnown = get('userknownhostsfile');
  const globalKnown = get('globalknownhostsfile');
  const strict = (get('stricthostkeychecking') ?? 'ask').toLowerCase();
  const timeout = Number(get('connecttimeout'));
  return {
    alias,
    hostname,
    port,
    user,
    identityFiles,
    agent,
    userKnownHostsFiles: (userKnown ? userKnown.split(/\s+/) : ['~/.ssh/known_hosts', '~/.ssh/known_hosts2']).map((f) => expand(f, e, tokens)),
    globalKnownHostsFiles: globalKnown ? globalKnown.split(/\s+/) : ['/etc/ssh/ssh_known_hosts', '/etc/ssh/ssh_known_hosts2'],
    hostKeyName: get('hostkeyalias') ?? (port === 22 ? hostname : `[${hostname}]:${port}`),
    hashKnownHosts: /^yes$/i.test(get('hashknownhosts') ?? ''),
    strictHostKeyChecking: strict === 'yes' ? 'yes' : strict === 'accept-new' ? 'accept-new' : strict === 'no' || strict === 'off' ? 'no' : 'ask',
    connectTimeoutMs: Number.isFinite(timeout) && timeout > 0 ? timeout * 1000 : 15_000,
    display: `${user}@${hostname}${port === 22 ? '' : `:${port}`}`,
  };
}
