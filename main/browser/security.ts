/** Checks shared by every browser-mode request: token, Host and Origin. Pure, so unit-tested. */
import { timingSafeEqual } from 'node:crypto';

export const TOKEN_COOKIE = 'dockside_token';

/**
 * Content-Security-Policy for the renderer in both transports: no inline or remote script, no
 * eval, connections only back to the serving origin (WebSocket included).
 */
export function contentSecurityPolicy(connectSrc: string[] = []): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    // recharts and xterm set element styles at run time.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    `connect-src 'self' ${connectSrc.join(' ')}`.trim(),
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

export function tokensEqual(expected: string, given: string | undefined | null): boolean {
  if (!given) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return decodeURIComponent(v.join('='));
  }
  return undefined;
}

/** Only our own loopback origin may talk to us: this defeats DNS rebinding and other sites' pages. */
export function allowedHosts(port: number): Set<string> {
  return new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
}

export function hostAllowed(host: string | undefined, port: number): boolean {
  return host !== undefined && allowedHosts(port).has(host.toLowerCase());
}

export function originAllowed(origin: string | undefined, port: number): boolean {
  if (!origin) return false;
  return [...allowedHosts(port)].some((h) => origin.toLowerCase() === `http://${h}`);
}
