/**
 * Where the window's page comes from. In development electron-vite sets ELECTRON_RENDERER_URL
 * (its dev server); a packaged app never honours it, whatever the environment says, so nobody
 * can point an installed Dockside (and its IPC trust) at another page.
 */
import { APP_ENTRY, APP_ORIGIN } from './app-protocol';

export interface RendererSource {
  /** The URL the window loads. */
  url: string;
  /** The one origin IPC messages may come from, compared exactly after parsing. */
  origin: string;
  /** Development mode: the dev server and developer tools. */
  dev: boolean;
}

/** `scheme://host[:port]`, also for custom schemes (WHATWG URL gives them the origin "null"). */
export function originOf(raw: string): string | null {
  try {
    const u = new URL(raw);
    return u.host ? `${u.protocol}//${u.host}` : null;
  } catch {
    return null;
  }
}

export function rendererSource(isPackaged: boolean, env: Record<string, string | undefined>): RendererSource {
  const dev = env.ELECTRON_RENDERER_URL;
  if (!isPackaged && dev) {
    const origin = originOf(dev);
    const u = origin ? new URL(dev) : null;
    // The dev server is always local; anything else is ignored rather than trusted.
    if (u && (u.protocol === 'http:' || u.protocol === 'https:') && ['localhost', '127.0.0.1', '[::1]'].includes(u.hostname)) {
      return { url: dev, origin: origin!, dev: true };
    }
  }
  return { url: APP_ENTRY, origin: APP_ORIGIN, dev: false };
}
