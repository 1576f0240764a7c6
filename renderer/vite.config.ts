// Browser-mode build of the renderer (the Electron build uses electron.vite.config.ts).
import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { preloadAppChunk } from '../build/preload-app-chunk';

export default defineConfig({
  root: resolve(import.meta.dirname),
  base: './',
  plugins: [react(), preloadAppChunk('/src/app-root.tsx')],
  build: { outDir: resolve(import.meta.dirname, 'dist'), emptyOutDir: true, chunkSizeWarningLimit: 2000 },
});
