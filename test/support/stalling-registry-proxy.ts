/**
 * An HTTP proxy in front of a test registry that slows every large blob download to a trickle
 * (1 KiB every half second): a pull through it stays "Downloading" for minutes. Tests use
 * it to cancel a pull mid-download and to see that the engine really hung up (the stalled
 * download's connection is closed by the engine, not left open).
 */
import http from 'node:http';
import type net from 'node:net';
import { freePort } from './workflows-registry';

export interface StallingProxy {
  /** host:port to pull through (the engine treats 127.0.0.0/8 registries as insecure: plain HTTP is fine). */
  host: string;
  /** Blob downloads currently held open. */
  stalled(): number;
  /** Stalled downloads whose connection the client (the engine) closed. */
  abandoned(): number;
  close(): Promise<void>;
}

/** Blobs at least this large are stalled (the image config, a few hundred bytes, goes through). */
const STALL_FROM_BYTES = 16 * 1024;

export async function stallingProxy(upstreamHost: string): Promise<StallingProxy> {
  const [upHost, upPort] = upstreamHost.split(':');
  let open = 0;
  let gone = 0;
  const sockets = new Set<net.Socket>();
  const server = http.createServer((req, res) => {
    const up = http.request({ host: upHost, port: Number(upPort), path: req.url, method: req.method, headers: { ...req.headers, host: upstreamHost } }, (upRes) => {
      const size = Number(upRes.headers['content-length'] ?? 0);
      res.writeHead(upRes.statusCode ?? 502, upRes.headers);
      if (!(req.method === 'GET' && /\/blobs\/sha256:/.test(req.url ?? '') && size >= STALL_FROM_BYTES)) {
        upRes.pipe(res);
        return;
      }
      // Trickle it: 1 KiB every half second, so the engine shows a download under way that
      // lasts minutes (a real stall would make the engine give up and retry).
      open++;
      const pending: Buffer[] = [];
      upRes.on('data', (chunk: Buffer) => pending.push(chunk));
      const trickle = setInterval(() => {
        const all = Buffer.concat(pending.splice(0));
        if (!all.length) return;
        res.write(all.subarray(0, 1024));
        pending.push(all.subarray(1024));
      }, 500);
      res.on('close', () => {
        clearInterval(trickle);
        open--;
        gone++;
        upRes.destroy();
      });
    });
    up.on('error', () => res.destroy());
    req.pipe(up);
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  const port = await freePort();
  await new Promise<void>((r) => server.listen(port, '127.0.0.1', r));
  return {
    host: `127.0.0.1:${port}`,
    stalled: () => open,
    abandoned: () => gone,
    close: () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  };
}
