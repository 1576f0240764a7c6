/**
 * A stand-in for the Linux Electron distribution, for machines that cannot download the real one
 * (ENGINEERING.md §2). It has the zip's layout where electron-builder looks: an `electron`
 * executable carrying the fuse wire (sentinel, wire version 1, length, one byte per fuse, so
 * electron-builder flips the fuses and @electron/fuses reads them back) and a real, tiny
 * `resources/default_app.asar`. The executable only says what it is: it cannot run an app, so a
 * pack made with it is for checking the package, never for shipping (build/dist.ts refuses to
 * make installers with it).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createPackage } from '@electron/asar';
import { FuseV1Options } from '@electron/fuses';

export const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
export const STANDIN_MARK = 'dockside-electron-standin';

/** Electron's own defaults for each V1 fuse, in wire order ('1' on, '0' off). */
const DEFAULT_WIRE: Record<FuseV1Options, '0' | '1'> = {
  [FuseV1Options.RunAsNode]: '1',
  [FuseV1Options.EnableCookieEncryption]: '0',
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: '1',
  [FuseV1Options.EnableNodeCliInspectArguments]: '1',
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: '0',
  [FuseV1Options.OnlyLoadAppFromAsar]: '0',
  [FuseV1Options.LoadBrowserProcessSpecificV8Snapshot]: '0',
  [FuseV1Options.GrantFileProtocolExtraPrivileges]: '1',
};

export function fuseWire(): Buffer {
  const states = Object.keys(DEFAULT_WIRE)
    .map(Number)
    .sort((a, b) => a - b)
    .map((k) => DEFAULT_WIRE[k as FuseV1Options]);
  return Buffer.concat([Buffer.from(FUSE_SENTINEL, 'ascii'), Buffer.from([1, states.length]), Buffer.from(states.join(''), 'ascii')]);
}

/** Writes the stand-in into `dir` (created, emptied first) and returns `dir`. */
export async function createElectronStandin(dir: string, version: string): Promise<string> {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(path.join(dir, 'resources'), { recursive: true });
  fs.mkdirSync(path.join(dir, 'locales'), { recursive: true });
  const script = Buffer.from(
    [
      '#!/bin/sh',
      `# ${STANDIN_MARK} ${version}: a stand-in with the layout of the Electron zip, for packaging checks only.`,
      `echo "This is a stand-in for Electron ${version} made for packaging checks: it cannot run Dockside." >&2`,
      'exit 1',
      '# fuse wire: ',
    ].join('\n'),
  );
  fs.writeFileSync(path.join(dir, 'electron'), Buffer.concat([script, fuseWire(), Buffer.from('\n')]), { mode: 0o755 });
  fs.writeFileSync(path.join(dir, 'chrome-sandbox'), '#!/bin/sh\nexit 1\n', { mode: 0o755 });
  fs.writeFileSync(path.join(dir, 'version'), version);
  fs.writeFileSync(path.join(dir, 'LICENSE'), `Stand-in for Electron ${version} (MIT-licensed upstream); contains no Electron code.\n`);
  fs.writeFileSync(path.join(dir, 'locales', 'en-US.pak'), '');
  // A real asar, like the zip's default app.
  const src = fs.mkdtempSync(path.join(os.tmpdir(), 'dockside-default-app-'));
  try {
    fs.writeFileSync(path.join(src, 'package.json'), JSON.stringify({ name: 'default_app', version, main: 'main.js' }));
    fs.writeFileSync(path.join(src, 'main.js'), '// stand-in default app\n');
    await createPackage(src, path.join(dir, 'resources', 'default_app.asar'));
  } finally {
    fs.rmSync(src, { recursive: true, force: true });
  }
  return dir;
}

export function isStandin(executable: string): boolean {
  try {
    return fs.readFileSync(executable).includes(STANDIN_MARK);
  } catch {
    return false;
  }
}
