/**
 * Preparation steps of the "publish" feature (idempotent; touch only what they create).
 * The registry tests run Debian's `docker-registry` with htpasswd auth, whose password file needs
 * bcrypt hashes: `htpasswd -B` (apache2-utils) makes them.
 */
import { execFileSync } from 'node:child_process';
import type { PrepareContext } from './prepare-extras';

function has(command: string): boolean {
  try {
    execFileSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

async function ensureRegistryTools(ctx: PrepareContext): Promise<void> {
  const missing: string[] = [];
  if (!has('docker-registry')) missing.push('docker-registry');
  if (!has('htpasswd')) missing.push('apache2-utils');
  // ctx.apt throws a clear "install them" message where it cannot install (not root, not Debian).
  if (missing.length) ctx.apt(missing);
}

export const publishPreparations: ((ctx: PrepareContext) => Promise<void>)[] = [ensureRegistryTools];
