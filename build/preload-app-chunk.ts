/**
 * Vite plugin: index.html fetches the app's chunk (and its CSS) at once, beside the boot module.
 *
 * The boot module (renderer/src/main.tsx) loads the app with a dynamic `import()`, so it can start
 * the engine feed before React and the views are evaluated. Without a hint the browser would only
 * learn of the app's chunk once the boot module ran (one more round after the HTML); with
 * `<link rel="modulepreload">` (and the chunk's stylesheet) in the HTML, both download in
 * parallel and the import finds them in the module map. The eager files index.html names are
 * what the bundle budget counts (test/e2e/bundle-budget.spec.ts), so the app's chunk stays
 * counted as initial JS, as it should.
 */
import type { HtmlTagDescriptor, Plugin } from 'vite';

/** What the plugin needs of an output chunk (rolldown's OutputChunk has these). */
export interface ChunkFacts {
  type: 'chunk';
  fileName: string;
  facadeModuleId: string | null;
  imports: string[];
  dynamicImports: string[];
  viteMetadata?: { importedCss: Set<string> };
}

/**
 * The files to fetch early: the chunk of the entry's dynamic import whose module matches `isApp`,
 * with every chunk it imports statically (transitively), minus what the entry already loads
 * statically (index.html preloads those already); and the stylesheets of those chunks.
 */
export function appChunkFiles(bundle: Record<string, ChunkFacts | { type: 'asset' }>, entry: ChunkFacts, isApp: (moduleId: string) => boolean): { scripts: string[]; styles: string[] } {
  const chunk = (f: string) => {
    const c = bundle[f];
    return c && c.type === 'chunk' ? c : undefined;
  };
  const app = entry.dynamicImports.map(chunk).find((c) => c?.facadeModuleId && isApp(c.facadeModuleId));
  if (!app) return { scripts: [], styles: [] };
  const eager = new Set<string>([entry.fileName]);
  const walk = (c: ChunkFacts, into: Set<string>) => {
    for (const f of c.imports) {
      if (into.has(f)) continue;
      into.add(f);
      const next = chunk(f);
      if (next) walk(next, into);
    }
  };
  walk(entry, eager);
  const needed = new Set<string>([app.fileName]);
  walk(app, needed);
  const scripts = [...needed].filter((f) => !eager.has(f));
  const eagerCss = new Set([...eager].flatMap((f) => [...(chunk(f)?.viteMetadata?.importedCss ?? [])]));
  const styles = [...new Set(scripts.flatMap((f) => [...(chunk(f)?.viteMetadata?.importedCss ?? [])]))].filter((f) => !eagerCss.has(f));
  return { scripts, styles };
}

/** Adds the preload tags for the app chunk that `appModule` (a path suffix, e.g. `/src/app-root.tsx`) starts. */
export function preloadAppChunk(appModule: string): Plugin {
  let base = './';
  return {
    name: 'dockside-preload-app-chunk',
    apply: 'build',
    configResolved(config) {
      base = config.base;
    },
    transformIndexHtml: {
      order: 'post',
      handler(_html, ctx) {
        if (!ctx.bundle || !ctx.chunk) return;
        const files = appChunkFiles(ctx.bundle as unknown as Record<string, ChunkFacts>, ctx.chunk as unknown as ChunkFacts, (id) => id.replace(/\\/g, '/').endsWith(appModule));
        if (!files.scripts.length) throw new Error(`preload-app-chunk: the entry has no dynamic import of ${appModule}`);
        const tag = (rel: string, file: string): HtmlTagDescriptor => ({ tag: 'link', attrs: { rel, crossorigin: true, href: base + file }, injectTo: 'head' });
        return [...files.scripts.map((f) => tag('modulepreload', f)), ...files.styles.map((f) => tag('stylesheet', f))];
      },
    },
  };
}
