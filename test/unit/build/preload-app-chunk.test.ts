import { describe, expect, it } from 'vitest';
import { appChunkFiles, type ChunkFacts } from '../../../build/preload-app-chunk';

const chunk = (fileName: string, facadeModuleId: string | null, imports: string[], dynamicImports: string[] = [], css: string[] = []): ChunkFacts => ({
  type: 'chunk',
  fileName,
  facadeModuleId,
  imports,
  dynamicImports,
  viteMetadata: { importedCss: new Set(css) },
});

describe('appChunkFiles', () => {
  // The shape of the real build: a small boot entry that imports the transport, and imports the
  // app (which shares the transport and React with it) and a lazy view (never preloaded).
  const entry = chunk('assets/index.js', '/r/src/main.tsx', ['assets/client.js', 'assets/react.js'], ['assets/app-root.js', 'assets/stats.js'], ['assets/index.css']);
  const bundle = {
    'assets/index.js': entry,
    'assets/client.js': chunk('assets/client.js', null, ['assets/react.js']),
    'assets/react.js': chunk('assets/react.js', null, []),
    'assets/app-root.js': chunk('assets/app-root.js', '/r/src/app-root.tsx', ['assets/react-dom.js', 'assets/client.js', 'assets/rows.js'], ['assets/stats.js'], ['assets/app-root.css']),
    'assets/react-dom.js': chunk('assets/react-dom.js', null, ['assets/react.js']),
    'assets/rows.js': chunk('assets/rows.js', null, ['assets/react-dom.js'], [], ['assets/rows.css', 'assets/index.css']),
    'assets/stats.js': chunk('assets/stats.js', '/r/src/views/stats/index.ts', ['assets/rows.js'], [], ['assets/stats.css']),
    'assets/index.css': { type: 'asset' as const },
  };

  it('names the app chunk and what it imports, not what the entry loads already, nor lazy views', () => {
    const files = appChunkFiles(bundle, entry, (id) => id.endsWith('/src/app-root.tsx'));
    expect(files.scripts.sort()).toEqual(['assets/app-root.js', 'assets/react-dom.js', 'assets/rows.js']);
    expect(files.styles.sort()).toEqual(['assets/app-root.css', 'assets/rows.css']);
  });

  it('gives nothing when the entry does not import the app module', () => {
    expect(appChunkFiles(bundle, entry, (id) => id.endsWith('/src/other.tsx'))).toEqual({ scripts: [], styles: [] });
  });

  it('survives an import cycle between chunks', () => {
    const a = chunk('a.js', '/src/app-root.tsx', ['b.js']);
    const b = chunk('b.js', null, ['a.js']);
    const e = chunk('e.js', '/src/main.tsx', [], ['a.js']);
    expect(appChunkFiles({ 'a.js': a, 'b.js': b, 'e.js': e }, e, (id) => id.endsWith('/src/app-root.tsx')).scripts.sort()).toEqual(['a.js', 'b.js']);
  });
});
