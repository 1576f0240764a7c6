// `node --import ./register.mjs out/main/electron-main.js`: boots the packaged main bundle under
// plain Node with the stand-in `electron` module (see electron.mjs).
import { register } from 'node:module';

register('./hooks.mjs', import.meta.url);
