/**
 * `npm start` runs this before launching Electron:
 * - npm 11 no longer runs dependency install scripts by default (package.json "allowScripts"
 *   keeps electron's off so `npm ci` succeeds where it cannot be downloaded), so the Electron
 *   binary is fetched here, on first launch;
 * - on Linux, a system that restricts user namespaces (Ubuntu 24.04+) would make Electron abort
 *   with a cryptic sandbox error: say why and how to fix it instead, keeping the sandbox on.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { linuxSandboxProblem } from './platform-env';

const require = createRequire(import.meta.url);
const dir = path.dirname(require.resolve('electron/package.json'));
const pathTxt = path.join(dir, 'path.txt');

if (!process.env.ELECTRON_OVERRIDE_DIST_PATH && !fs.existsSync(pathTxt)) {
  console.log('Downloading the Electron binary (first launch only)...');
  const r = spawnSync(process.execPath, [path.join(dir, 'install.js')], { stdio: 'inherit', cwd: dir });
  if (r.status !== 0) {
    console.error('\nThe Electron binary could not be downloaded. Browser mode works without it: npm run serve');
    process.exit(r.status ?? 1);
  }
}

if (process.platform === 'linux') {
  const rel = fs.existsSync(pathTxt) ? fs.readFileSync(pathTxt, 'utf8') : 'electron';
  const binary = process.env.ELECTRON_OVERRIDE_DIST_PATH ? path.join(process.env.ELECTRON_OVERRIDE_DIST_PATH, rel) : path.join(dir, 'dist', rel);
  const problem = linuxSandboxProblem(binary);
  if (problem) {
    console.error(problem);
    process.exit(1);
  }
}
