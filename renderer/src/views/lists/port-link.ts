/**
 * Where a published port answers, as a link. A port bound to all addresses (0.0.0.0, ::) or to
 * loopback answers on the engine's host: this machine for a local socket, the remote host for
 * tcp:// and ssh:// engines. A port bound to one address answers there.
 */
import type { PortMapping } from '../../../../main/contract';

export function engineHostName(endpointUrl: string | null | undefined): string {
  if (!endpointUrl) return 'localhost';
  try {
    const u = new URL(endpointUrl);
    if (u.protocol === 'tcp:' || u.protocol === 'ssh:' || u.protocol === 'http:' || u.protocol === 'https:') return u.hostname || 'localhost';
  } catch {
    /* unix:// and npipe:// are local */
  }
  return 'localhost';
}

const ANY = new Set(['', '0.0.0.0', '::', '[::]']);

/** The http:// URL of a published TCP port, or null when the port is not published or not TCP. */
export function portUrl(port: PortMapping, endpointUrl?: string | null): string | null {
  if (port.protocol !== 'tcp' || !port.hostPort) return null;
  const ip = port.hostIp ?? '';
  const engineHost = engineHostName(endpointUrl);
  let host: string;
  if (ANY.has(ip)) host = engineHost;
  // Loopback of a remote engine's host cannot be reached from here.
  else if (ip === '127.0.0.1' || ip === '::1') {
    if (engineHost !== 'localhost') return null;
    host = ip;
  }
  else host = ip;
  const bracketed = host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
  return `http://${bracketed}:${port.hostPort}/`;
}
