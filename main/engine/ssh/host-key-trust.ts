/**
 * Host keys waiting for the learner's answer. The connection refuses an unknown key and leaves
 * it here; `ssh:trust-host-key` adds exactly that key to known_hosts (as ssh does after "yes"),
 * so the renderer can never make Dockside trust a key the server did not offer.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { SshHostKeyPrompt } from '../../contract';
import { knownHostsLine, type HostKey } from './known-hosts';

interface Pending {
  prompt: SshHostKeyPrompt;
  key: HostKey;
  hashed: boolean;
}

const pending = new Map<string, Pending>();

export function rememberUnknownHostKey(prompt: SshHostKeyPrompt, key: HostKey, hashed: boolean): void {
  pending.set(prompt.host, { prompt, key, hashed });
}

/** Appends a key to a known_hosts file, creating ~/.ssh (0700) and the file (0600) like ssh. */
export function appendKnownHost(file: string, name: string, key: HostKey, hashed: boolean): void {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  let prefix = '';
  try {
    const text = fs.readFileSync(file, 'utf8');
    if (text.length && !text.endsWith('\n')) prefix = '\n';
  } catch {
    // A new file.
  }
  fs.appendFileSync(file, `${prefix}${knownHostsLine(name, key, hashed)}\n`, { mode: 0o600 });
}

/** Trusts the key last offered by `host`; false when no such key is waiting (or it differs). */
export function trustPendingHostKey(host: string, fingerprint: string): boolean {
  const p = pending.get(host);
  if (!p || p.prompt.fingerprint !== fingerprint) return false;
  appendKnownHost(p.prompt.knownHostsFile, host, p.key, p.hashed);
  pending.delete(host);
  return true;
}
