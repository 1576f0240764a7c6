/**
 * An HTTP proxy in front of a test registry that stalls every large blob download after its
 * first kilobytes: a pull through it stays "Downloading" until its client goes away. Tests use
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
      // Pass the first 4 KB, so the engine shows a download under way, then hold the rest.
      open++;
      let sent = 0;
      upRes.on('data', (chunk: Buffer) => {
        if (sent >= 4096) return;
        res.write(chunk.subarray(0, 4096 - sent));
        sent += Math.min(chunk.length, 4096 - sent);
        if (sent >= 4096) upRes.pause();
      });
      res.on('close', () => {
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
