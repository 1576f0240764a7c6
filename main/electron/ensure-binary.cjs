// `npm start` runs this before launching: npm 11 no longer runs dependency install scripts by
// default (package.json "allowScripts" keeps electron's off so `npm ci` succeeds on machines that
// cannot download it), so the Electron binary is fetched here, on first launch, instead.
const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');

const dir = path.dirname(require.resolve('electron/package.json'));
if (process.env.ELECTRON_OVERRIDE_DIST_PATH || fs.existsSync(path.join(dir, 'path.txt'))) process.exit(0);
console.log('Downloading the Electron binary (first launch only)...');
const r = spawnSync(process.execPath, [path.join(dir, 'install.js')], { stdio: 'inherit', cwd: dir });
if (r.status !== 0) {
  console.error('\nThe Electron binary could not be downloaded. Browser mode works without it: npm run serve');
  process.exit(r.status ?? 1);
}
