/**
 * Browser mode: the same renderer and the same API as the Electron app, over HTTP + WebSocket.
 * Bound to 127.0.0.1 only, guarded by a random per-run token: the first page load carries it in
 * the URL and receives it as an HttpOnly same-site cookie, which then covers the assets and the
 * WebSocket. Requests without it get 401; a foreign Host or Origin gets 403.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import { z } from 'zod';
import type { ServerMessage } from '../contract';
import type { Dispatcher } from '../service/dispatcher';
import { TOKEN_COOKIE, contentSecurityPolicy, hostAllowed, originAllowed, readCookie, tokensEqual } from './security';

export interface BrowserServer {
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
  /** Open WebSocket connections, for leak checks. */
  connectionCount(): number;
}

export interface BrowserServerOptions {
  dispatcher: Dispatcher;
  staticDir: string;
  port?: number;
  token?: string;
  /** Streams a one-time download (`/download/<id>`, see main/files/download-links.ts). */
  download?: (id: string) => Promise<{ stream: NodeJS.ReadableStream & { destroy(): void }; fileName: string; done(): Promise<void> } | null>;
}

const clientMessage = z.discriminatedUnion('type', [
  z.object({ type: z.literal('invoke'), reqId: z.number().int(), name: z.string().max(100), args: z.unknown() }),
  z.object({ type: z.literal('subscribe'), reqId: z.number().int(), name: z.string().max(100), args: z.unknown() }),
  z.object({ type: z.literal('unsubscribe'), subId: z.string().max(100) }),
]);

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
  '.ico': 'image/x-icon',
};

/** Past this many queued bytes a socket is too slow; events are dropped rather than buffered forever. */
const MAX_BUFFERED = 8 * 1024 * 1024;

export async function startBrowserServer(opts: BrowserServerOptions): Promise<BrowserServer> {
  const token = opts.token ?? randomBytes(24).toString('base64url');
  const staticRoot = path.resolve(opts.staticDir);
  let port = 0;
  const sockets = new Set<WebSocket>();

  const authorised = (req: http.IncomingMessage, url: URL): boolean =>
    tokensEqual(token, url.searchParams.get('token')) || tokensEqual(token, readCookie(req.headers.cookie, TOKEN_COOKIE));

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (!hostAllowed(req.headers.host, port)) return deny(res, 403, 'Forbidden: unknown Host.');
    if (req.method !== 'GET' && req.method !== 'HEAD') return deny(res, 405, 'Method not allowed.');
    if (!authorised(req, url)) return deny(res, 401, 'Unauthorized: open the URL with the token that `npm run serve` printed.');
    const headers: Record<string, string> = {
      'Content-Security-Policy': contentSecurityPolicy([`ws://127.0.0.1:${port}`, `ws://localhost:${port}`]),
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      'Cross-Origin-Opener-Policy': 'same-origin',
      'Cache-Control': 'no-store',
    };
    if (tokensEqual(token, url.searchParams.get('token'))) {
      headers['Set-Cookie'] = `${TOKEN_COOKIE}=${encodeURIComponent(token)}; HttpOnly; SameSite=Strict; Path=/`;
    }
    const dl = /^\/download\/([A-Za-z0-9_-]{1,64})$/.exec(url.pathname);
    if (dl && opts.download) return void serveDownload(opts.download, dl[1]!, headers, req, res);
    let file = path.resolve(staticRoot, '.' + decodeURIComponent(url.pathname));
    if (!file.startsWith(staticRoot + path.sep) && file !== staticRoot) return deny(res, 403, 'Forbidden.');
    if (!fs.existsSync(file) || fs.statSync(file).isDirectory()) file = path.join(staticRoot, 'index.html');
    if (!fs.existsSync(file)) return deny(res, 500, `The renderer is not built: ${file} is missing. Run \`npm run serve\`, which builds it.`);
    headers['Content-Type'] = MIME[path.extname(file)] ?? 'application/octet-stream';
    res.writeHead(200, headers);
    if (req.method === 'HEAD') return res.end();
    fs.createReadStream(file).pipe(res);
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: 1024 * 1024 });
  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const refuse = (status: number, text: string) => {
      socket.write(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
      socket.destroy();
    };
    if (url.pathname !== '/api') return refuse(404, 'Not Found');
    if (!hostAllowed(req.headers.host, port) || !originAllowed(req.headers.origin, port)) return refuse(403, 'Forbidden');
    if (!authorised(req, url)) return refuse(401, 'Unauthorized');
    wss.handleUpgrade(req, socket, head, (ws) => onConnection(ws));
  });

  const onConnection = (ws: WebSocket) => {
    const owner = `ws:${randomUUID()}`;
    sockets.add(ws);
    const send = (msg: ServerMessage, droppable = false) => {
      if (ws.readyState !== ws.OPEN) return;
      if (droppable && ws.bufferedAmount > MAX_BUFFERED) return;
      ws.send(JSON.stringify(msg));
    };
    ws.on('message', async (data) => {
      let msg: z.infer<typeof clientMessage>;
      try {
        msg = clientMessage.parse(JSON.parse(String(data)));
      } catch {
        return; // Not our protocol: ignore rather than crash.
      }
      if (msg.type === 'invoke') {
        const result = await opts.dispatcher.invoke(msg.name, msg.args);
        send({ type: 'result', reqId: msg.reqId, result });
      } else if (msg.type === 'subscribe') {
        const result = await opts.dispatcher.subscribe(
          owner,
          msg.name,
          msg.args,
          (subId, event) => send({ type: 'event', subId, event }, true),
          (subId, error) => send({ type: 'sub-error', subId, error }),
        );
        // The socket may have closed while the stream was opening.
        if (ws.readyState !== ws.OPEN && result.ok) opts.dispatcher.unsubscribe(owner, result.value);
        send({ type: 'subscribed', reqId: msg.reqId, result });
      } else {
        opts.dispatcher.unsubscribe(owner, msg.subId);
      }
    });
    ws.on('close', () => {
      sockets.delete(ws);
      opts.dispatcher.disposeOwner(owner);
    });
    ws.on('error', () => ws.close());
  };

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as { port: number }).port;

  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    port,
    token,
    connectionCount: () => sockets.size,
    close: () =>
      new Promise<void>((resolve) => {
        for (const ws of sockets) ws.terminate();
        wss.close();
        server.close(() => resolve());
        server.closeAllConnections?.();
      }),
  };
}

/** Streams the engine's tar straight to the browser as an attachment; never buffered whole. */
async function serveDownload(
  download: NonNullable<BrowserServerOptions['download']>,
  id: string,
  headers: Record<string, string>,
  req: http.IncomingMessage,
  res: http.ServerResponse,
): Promise<void> {
  let d: Awaited<ReturnType<typeof download>>;
  try {
    d = await download(id);
  } catch (err) {
    return deny(res, 502, `The engine refused the download: ${(err as Error).message}`);
  }
  if (!d) return deny(res, 404, 'This download link is unknown, used or expired: ask for the download again.');
  const { stream, fileName, done } = d;
  res.writeHead(200, {
    ...headers,
    'Content-Type': 'application/x-tar',
    'Content-Disposition': `attachment; filename="${fileName.replace(/[^A-Za-z0-9._-]/g, '_')}"`,
  });
  if (req.method === 'HEAD') {
    stream.destroy();
    res.end();
    return void done();
  }
  const finish = () => void done();
  res.on('close', () => {
    stream.destroy();
    finish();
  });
  stream.on('error', () => res.destroy());
  stream.pipe(res);
}

function deny(res: http.ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(text + '\n');
}
