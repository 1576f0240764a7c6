/**
 * A unix socket in front of the real engine that records the request line of every HTTP request
 * passing through it: what the fuzz tests use to prove that nothing which failed validation ever
 * reached the engine, and what the performance budgets count (requests with their time and
 * connection, connections still open, when the engine's event stream last said something).
 */
import fs from 'node:fs';
import net from 'node:net';
import { engineSocketPath } from './socket-proxy';

export interface CountingProxy {
  socketPath: string;
  /** Request lines seen so far ("GET /v1.41/containers/json HTTP/1.1"). */
  requests: string[];
  /** The same requests with when they were sent and on which connection. */
  log: ProxiedRequest[];
  /** The last request line of every connection still open (a stream still running, or an idle keep-alive). */
  openRequests(): string[];
  /** When data last came back on an `/events` stream (ms since epoch; 0 = never). */
  lastEventAt(): number;
  close(): Promise<void>;
}

export interface ProxiedRequest {
  line: string;
  at: number;
  conn: number;
}

const REQUEST_LINE = /(?:^|\r\n)((?:GET|POST|PUT|DELETE|HEAD|PATCH|OPTIONS) \S+ HTTP\/1\.[01])\r\n/g;

export async function countingProxy(socketPath: string): Promise<CountingProxy> {
  const requests: string[] = [];
  const log: ProxiedRequest[] = [];
  const lastLine = new Map<number, string>();
  let eventAt = 0;
  let nextConn = 0;
  const conns = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(engineSocketPath());
    const conn = nextConn++;
    conns.add(client).add(upstream);
    upstream.on('data', () => {
      if (/ \/(v[\d.]+\/)?events\b/.test(lastLine.get(conn) ?? '')) eventAt = Date.now();
    });
    // Request lines start a request: after the previous one's headers and body. A body that
    // happens to hold such a line would count too (over-counting only makes the check stricter).
    let tail = '';
    client.on('data', (chunk: Buffer) => {
      const text = tail + chunk.toString('latin1');
      for (const m of text.matchAll(REQUEST_LINE)) {
        requests.push(m[1]!);
        log.push({ line: m[1]!, at: Date.now(), conn });
        lastLine.set(conn, m[1]!);
      }
      tail = text.slice(-2);
    });
    client.pipe(upstream).pipe(client);
    const end = () => {
      client.destroy();
      upstream.destroy();
      conns.delete(client);
      conns.delete(upstream);
      lastLine.delete(conn);
    };
    client.on('error', end).on('close', end);
    upstream.on('error', end).on('close', end);
  });
  await new Promise<void>((resolve) => server.listen(socketPath, () => resolve()));
  return {
    socketPath,
    requests,
    log,
    openRequests: () => [...lastLine.values()],
    lastEventAt: () => eventAt,
    close: () =>
      new Promise<void>((resolve) => {
        for (const c of conns) c.destroy();
        server.close(() => {
          fs.rmSync(socketPath, { force: true });
          resolve();
        });
      }),
  };
}
