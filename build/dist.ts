/**
 * `npm run dist [-- electron-builder args]`: electron-builder with electron-builder.yml, choosing
 * the Electron distribution:
 * 1. ELECTRON_OVERRIDE_DIST_PATH (an unpacked Electron, as the electron package itself honours);
 * 2. otherwise electron-builder's own download or cache (ELECTRON_CACHE, ~/.cache/electron): how
 *    release machines build every installer;
 * 3. only for a Linux `dir` pack (no installer) on a machine where no real zip is cached, a
 *    stand-in with the zip's layout (build/electron-standin.ts), announced loudly: the result is
 *    for checking the package, never for running or shipping.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { createElectronStandin } from './electron-standin';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export interface DistChoice {
  electronDist: string | null;
  standin: boolean;
  reason: string;
}

/** True when the arguments ask only for an unpacked Linux directory (`--linux dir`, `--dir`). */
export function isLinuxDirOnly(args: string[]): boolean {
  const linux = args.includes('--linux') || args.includes('-l');
  const otherOs = args.some((a) => ['--mac', '-m', '--win', '-w', '--windows'].includes(a));
  const targets = args.filter((a) => !a.startsWith('-'));
  const dirOnly = args.includes('--dir') || (targets.length > 0 && targets.every((t) => t === 'dir'));
  return linux && !otherOs && dirOnly;
}

export function cachedElectronZip(version: string, arch: string, env: NodeJS.ProcessEnv = process.env): string | null {
  const name = `electron-v${version}-linux-${arch}.zip`;
  const roots = [env.ELECTRON_CACHE, path.join(os.homedir(), '.cache', 'electron')].filter((r): r is string => !!r);
  for (const r of roots) {
    if (fs.existsSync(path.join(r, name))) return r;
    // @electron/get keeps each download in a folder named after a hash of its URL.
    for (const sub of fs.existsSync(r) ? fs.readdirSync(r) : []) if (fs.existsSync(path.join(r, sub, name))) return path.join(r, sub);
  }
  return null;
}

export function chooseDist(args: string[], version: string, env: NodeJS.ProcessEnv = process.env, arch = process.arch): DistChoice {
  if (env.ELECTRON_OVERRIDE_DIST_PATH) return { electronDist: env.ELECTRON_OVERRIDE_DIST_PATH, standin: false, reason: 'ELECTRON_OVERRIDE_DIST_PATH' };
  const cached = cachedElectronZip(version, arch, env);
  if (cached) return { electronDist: cached, standin: false, reason: `cached ${path.join(cached, `electron-v${version}-linux-${arch}.zip`)}` };
  if (isLinuxDirOnly(args) && env.DOCKSIDE_DIST_NO_STANDIN !== '1') return { electronDist: path.join(os.tmpdir(), `dockside-electron-standin-${process.pid}`), standin: true, reason: 'no Electron distribution on this machine' };
  return { electronDist: null, standin: false, reason: "electron-builder's download" };
}

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const config = parse(fs.readFileSync(path.join(root, 'electron-builder.yml'), 'utf8')) as { electronVersion: string };
  const choice = chooseDist(args, config.electronVersion);
  if (choice.standin && choice.electronDist) {
    await createElectronStandin(choice.electronDist, config.electronVersion);
    console.log(`dist: packing with a STAND-IN Electron ${config.electronVersion} (${choice.reason}): the result is for packaging checks only and cannot run.`);
  } else {
    console.log(`dist: Electron ${config.electronVersion} from ${choice.reason}`);
  }
  const extra = choice.electronDist ? [`-c.electronDist=${choice.electronDist}`] : [];
  // Without signing secrets, say so instead of letting electron-builder search keychains.
  const env = { ...process.env };
  const cert = process.platform === 'win32' ? env.WIN_CSC_LINK || env.CSC_LINK : env.CSC_LINK || env.CSC_NAME;
  if (!cert) {
    if (process.platform === 'darwin') env.CSC_IDENTITY_AUTO_DISCOVERY = 'false';
    if (process.platform !== 'linux') console.log(`dist: code signing skipped (no ${process.platform === 'win32' ? 'WIN_CSC_LINK' : 'CSC_LINK'} secret): the installers are unsigned.`);
  }
  if (process.platform === 'darwin' && !env.APPLE_ID && !env.APPLE_API_KEY && !env.APPLE_KEYCHAIN_PROFILE) {
    console.log('dist: notarisation skipped (no APPLE_ID / APPLE_API_KEY secret).');
  }
  const cli = path.join(root, 'node_modules', 'electron-builder', 'cli.js');
  const r = spawnSync(process.execPath, [cli, '--config', 'electron-builder.yml', '--publish', env.DOCKSIDE_PUBLISH ?? 'never', ...extra, ...args], { cwd: root, stdio: 'inherit', env });
  if (choice.standin && choice.electronDist) fs.rmSync(choice.electronDist, { recursive: true, force: true });
  return r.status ?? 1;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().then((code) => process.exit(code), (err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
