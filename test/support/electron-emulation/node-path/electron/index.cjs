// `require('electron')` from CommonJS dependencies of the packaged app (electron-updater) reaches
// the same stand-in as the bundle's `import` (NODE_PATH points here; Node 20.19+ can require ESM).
module.exports = require('../../electron.mjs');
