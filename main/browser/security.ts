/**
 * Checks shared by every browser-mode request: secrets, Host and Origin, request targets. Pure,
 * so unit-tested. Nothing here reads a cookie: browsers send cookies for 127.0.0.1 to every
 * port, so a cookie would hand the secret to any server the learner opens on another port.
 */
import { timingSafeEqual } from 'node:crypto';

/** The WebSocket sub-protocol the page asks for; the secret rides in a second offered value. */
export const WS_PROTOCOL = 'dockside';
/** Prefix of the offered sub-protocol value that carries the session secret. */
export const WS_SECRET_PREFIX = 'dockside.secret.';

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

/** Only our own loopback origin may talk to us: this defeats DNS rebinding and other sites' pages. */
export function allowedHosts(port: number): Set<string> {
  return new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
}

export function hostAllowed(host: string | undefined, port: number): boolean {
  return typeof host === 'string' && allowedHosts(port).has(host.toLowerCase());
}

export function originAllowed(origin: string | undefined, port: number): boolean {
  if (typeof origin !== 'string') return false;
  return [...allowedHosts(port)].some((h) => origin.toLowerCase() === `http://${h}`);
}

/**
 * The path of a request target, decoded, or null when the target is not a plain origin-form
 * path we serve (absolute-form "http://a:99999/", authority-form, "*", bad percent-encoding,
 * NUL bytes, dot segments). Never throws: it runs before any check, on bytes from anyone.
 */
export function requestPath(target: string | undefined): string | null {
  if (typeof target !== 'string' || !target.startsWith('/') || target.startsWith('//')) return null;
  const raw = target.split(/[?#]/, 1)[0]!;
  let decoded: string;
  try {
    decoded = decodeURIComponent(raw);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  if (decoded.split('/').some((seg) => seg === '..' || seg === '.')) return null;
  return decoded;
}

/**
 * The session secret offered in `Sec-WebSocket-Protocol` (the browser's WebSocket API cannot set
 * other headers, and a URL query would end up in logs and history). Undefined when absent.
 */
export function secretFromProtocols(header: string | string[] | undefined): string | undefined {
  if (typeof header !== 'string') return undefined;
  for (const value of header.split(',')) {
    const v = value.trim();
    if (v.startsWith(WS_SECRET_PREFIX)) return v.slice(WS_SECRET_PREFIX.length);
  }
  return undefined;
}
