/** Versions and paths for the Settings page's About. */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AboutInfo, EngineStatus } from '../contract';
import { downloadsDir } from '../files/file-browser';
import { settingsFile } from './settings-store';

let cachedVersion: string | null = null;

/** Dockside's version from its package.json, found by walking up from this module (source or bundle). */
export function docksideVersion(): string {
  if (cachedVersion) return cachedVersion;
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    try {
      const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'dockside' && pkg.version) return (cachedVersion = pkg.version);
    } catch {
      // not here: keep walking up
    }
    dir = path.dirname(dir);
  }
  return 'unknown';
}

export function aboutInfo(dataDir: string, status: EngineStatus): AboutInfo {
  return {
    docksideVersion: docksideVersion(),
    electronVersion: process.versions.electron ?? null,
    nodeVersion: process.versions.node,
    engine:
      status.state === 'connected'
        ? { name: status.info.name, version: status.info.version, apiVersion: status.info.apiVersion, endpoint: status.endpoint.url }
        : null,
    paths: { dataDir, settingsFile: settingsFile(dataDir), progressFile: path.join(dataDir, 'progress.json'), downloads: downloadsDir(dataDir) },
  };
}
