/** Which page the window loads, and which origin IPC trusts. */
import { describe, expect, it } from 'vitest';
import { originOf, rendererSource } from '../../../main/electron/renderer-source';

describe('renderer source', () => {
  it('a packaged app always loads app://dockside/, whatever ELECTRON_RENDERER_URL says', () => {
    const s = rendererSource(true, { ELECTRON_RENDERER_URL: 'http://localhost:5173' });
    expect(s).toEqual({ url: 'app://dockside/index.html', origin: 'app://dockside', dev: false });
  });

  it('development uses the local dev server', () => {
    expect(rendererSource(false, { ELECTRON_RENDERER_URL: 'http://localhost:5173/' })).toEqual({ url: 'http://localhost:5173/', origin: 'http://localhost:5173', dev: true });
  });

  it('development ignores a dev server URL that is not local', () => {
    for (const url of ['https://evil.example/', 'file:///tmp/x.html', 'http://localhost.evil.example:5173/', 'nonsense']) {
      expect(rendererSource(false, { ELECTRON_RENDERER_URL: url }).origin, url).toBe('app://dockside');
    }
  });

  it('originOf keeps custom schemes (WHATWG URL would say "null")', () => {
    expect(originOf('app://dockside/index.html')).toBe('app://dockside');
    expect(originOf('app://dockside.evil/')).toBe('app://dockside.evil');
    expect(originOf('file:///etc/passwd')).toBeNull();
    expect(originOf('%')).toBeNull();
  });
});
