/**
 * Browser mode: the same renderer and the same API as the Electron app, over HTTP + WebSocket,
 * bound to 127.0.0.1 only.
 *
 * Who may use the API: the page that opened the printed link. The link carries a one-time code
 * in its fragment (never sent anywhere); the page trades it once at `POST /api/session` for a
 * session secret it keeps in the tab and offers on the WebSocket as a `Sec-WebSocket-Protocol`
 * value. No cookie is ever set (browsers send 127.0.0.1's cookies to every port), no secret is
 * ever in a URL. The static files are public: they hold no secret. A foreign Host or Origin gets
 * 403, anything we cannot parse gets 4xx, and every WebSocket message gets an answer.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { z } from 'zod';
import type { ApiError, ServerMessage } from '../contract';
import { ClientSession, CLIENT_LIMITS, limitError, type ClientLimits } from '../service/client-session';
import { validationError, type Dispatcher } from '../service/dispatcher';
import { DownloadTickets } from './downloads';
import { BrowserSessions } from './sessions';
import { WS_PROTOCOL, contentSecurityPolicy, hostAllowed, originAllowed, requestPath, secretFromProtocols } from './security';

export interface BrowserServer {
  /** The first printed link: `http://127.0.0.1:PORT/#code=...` (one use). */
  url: string;
  port: number;
  origin: string;
  /** A fresh one-time link (for another tab, or after the first was used). */
  newLink(): string;
  close(): Promise<void>;
  /** Open WebSocket connections, for leak checks. */
  connectionCount(): number;
}

export interface BrowserServerOptions {
  dispatcher: Dispatcher;
  staticDir: string;
  port?: number;
  /** Where `logs:save` and other downloads are registered (shared with the service). */
  downloads?: DownloadTickets;
  limits?: ClientLimits;
}

const reqId = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
const clientMessage = z.discriminatedUnion('type', [
  z.object({ type: z.literal('invoke'), reqId, name: z.string().max(100), args: z.unknown() }).strict(),
  z.object({ type: z.literal('subscribe'), reqId, name: z.string().max(100), args: z.unknown() }).strict(),
  z.object({ type: z.literal('unsubscribe'), subId: z.string().max(100) }).strict(),
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
/** The session exchange's body is a few dozen bytes. */
const MAX_SESSION_BODY = 4096;

export async function startBrowserServer(opts: BrowserServerOptions): Promise<BrowserServer> {
  const staticRoot = path.resolve(opts.staticDir);
  const limits = opts.limits ?? CLIENT_LIMITS;
  const sessions = new BrowserSessions();
  const downloads = opts.downloads ?? new DownloadTickets();
  let port = 0;
  const sockets = new Set<WebSocket>();

  const securityHeaders = (): Record<string, string> => ({
    'Content-Security-Policy': contentSecurityPolicy([`ws://127.0.0.1:${port}`, `ws://localhost:${port}`]),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'X-Frame-Options': 'DENY',
    'Cache-Control': 'no-store',
  });

  const serveStatic = (req: http.IncomingMessage, res: http.ServerResponse, pathname: string): void => {
    let file = path.resolve(staticRoot, '.' + pathname);
    if (!file.startsWith(staticRoot + path.sep) && file !== staticRoot) return deny(res, 403, 'Forbidden.');
    const isFile = (f: string) => {
      try {
        return fs.statSync(f).isFile();
      } catch {
        return false;
      }
    };
    if (!isFile(file)) file = path.join(staticRoot, 'index.html');
    if (!isFile(file)) return deny(res, 500, `The renderer is not built: ${file} is missing. Run \`npm run serve\`, which builds it.`);
    res.writeHead(200, { ...securityHeaders(), 'Content-Type': MIME[path.extname(file)] ?? 'application/octet-stream' });
    if (req.method === 'HEAD') return void res.end();
    fs.createReadStream(file)
      .on('error', () => res.destroy())
      .pipe(res);
  };

  /** POST /api/session: {code} -> a new session secret (once per code); {secret} -> is it still valid. */
  const sessionExchange = (req: http.IncomingMessage, res: http.ServerResponse): void => {
    if (!originAllowed(req.headers.origin, port)) return deny(res, 403, 'Forbidden: unknown Origin.');
    if (!/^application\/json\b/i.test(req.headers['content-type'] ?? '')) return deny(res, 415, 'Send JSON (Content-Type: application/json).');
    let body = '';
    let tooBig = false;
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => {
      body += chunk;
      if (body.length > MAX_SESSION_BODY && !tooBig) {
        tooBig = true;
        deny(res, 413, 'Request body too large.');
        req.destroy();
      }
    });
    req.on('error', () => res.destroy());
    req.on('end', () => {
      if (tooBig) return;
      let parsed: unknown;
      try {
        parsed = JSON.parse(body);
      } catch {
        return deny(res, 400, 'The body is not JSON.');
      }
      const fields = (parsed && typeof parsed === 'object' ? parsed : {}) as { code?: unknown; secret?: unknown };
      if (fields.code !== undefined) {
        const secret = sessions.exchange(fields.code);
        if (!secret) return deny(res, 401, 'This link was already used or is not valid. Press Enter in the terminal running `npm run serve` for a new one.');
        return json(res, 200, { secret });
      }
      if (fields.secret !== undefined) {
        return sessions.isSession(fields.secret) ? json(res, 200, { ok: true }) : deny(res, 401, 'This session is not valid (the server restarted?). Open a new link from `npm run serve`.');
      }
      return deny(res, 400, 'Send {"code": ...} or {"secret": ...}.');
    });
  };

  const serveDownload = (req: http.IncomingMessage, res: http.ServerResponse, ticket: string): void => {
    const offer = /^[A-Za-z0-9_-]{1,64}$/.test(ticket) ? downloads.take(ticket) : undefined;
    if (!offer) return deny(res, 404, 'This download link was already used or has expired. Save again from Dockside.');
    offer.open().then(
      (body) => {
        res.writeHead(200, {
          ...securityHeaders(),
          'Content-Type': offer.contentType,
          'Content-Disposition': `attachment; filename="${offer.fileName}"; filename*=UTF-8''${encodeURIComponent(offer.fileName)}`,
        });
        if (req.method === 'HEAD') {
          body.destroy();
          return void res.end();
        }
        body.on('error', () => res.destroy());
        res.on('close', () => body.destroy());
        body.pipe(res);
      },
      (err: unknown) => deny(res, 502, `The engine refused: ${(err as Error)?.message ?? String(err)}`),
    );
  };

  const server = http.createServer((req, res) => {
    try {
      if (!hostAllowed(req.headers.host, port)) return deny(res, 403, 'Forbidden: unknown Host.');
      const pathname = requestPath(req.url);
      if (pathname === null) return deny(res, 400, 'Bad request target.');
      if (pathname === '/api/session') {
        if (req.method !== 'POST') return deny(res, 405, 'Method not allowed.');
        return sessionExchange(req, res);
      }
      if (req.method !== 'GET' && req.method !== 'HEAD') return deny(res, 405, 'Method not allowed.');
      if (pathname.startsWith('/download/')) return serveDownload(req, res, pathname.slice('/download/'.length));
      if (pathname === '/api') return deny(res, 426, 'This is the WebSocket endpoint.');
      return serveStatic(req, res, pathname);
    } catch (err) {
      // A bug here must cost one request, never the server.
      if (!res.headersSent) deny(res, 500, `Internal error: ${(err as Error)?.message ?? String(err)}`);
      else res.destroy();
    }
  });
  server.on('clientError', (_err, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
    else socket.destroy();
  });

  const wss = new WebSocketServer({
    noServer: true,
    // Past this, ws closes the socket with 1009; below it we answer oversized messages ourselves.
    maxPayload: limits.messageBytes + 1024 * 1024,
    handleProtocols: (offered) => (offered.has(WS_PROTOCOL) ? WS_PROTOCOL : false),
  });
  server.on('upgrade', (req, socket, head) => {
    const refuse = (status: number, text: string) => {
      if (socket.writable) socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
      socket.destroy();
    };
    socket.on('error', () => socket.destroy());
    try {
      if (requestPath(req.url) !== '/api') return refuse(404, 'Not Found');
      if (!hostAllowed(req.headers.host, port) || !originAllowed(req.headers.origin, port)) return refuse(403, 'Forbidden');
      if (!sessions.isSession(secretFromProtocols(req.headers['sec-websocket-protocol']))) return refuse(401, 'Unauthorized');
      wss.handleUpgrade(req, socket, head, (ws) => onConnection(ws));
    } catch {
      refuse(400, 'Bad Request');
    }
  });

  const onConnection = (ws: WebSocket) => {
    const client = new ClientSession(opts.dispatcher, `ws:${randomUUID()}`, limits);
    sockets.add(ws);
    // Events emitted in the same macrotask go out as one message (the Stats overview's rows
    // answer one tick together: one frame, one render in the page, instead of one per row).
    // Any other message first sends the events queued before it, so the order is kept.
    let queued: { subId: string; event: unknown }[] = [];
    const flushEvents = () => {
      if (!queued.length) return;
      const events = queued;
      queued = [];
      if (ws.readyState !== ws.OPEN || ws.bufferedAmount > MAX_BUFFERED) return;
      ws.send(JSON.stringify(events.length === 1 ? { type: 'event', ...events[0]! } : { type: 'events', events }));
    };
    const send = (msg: ServerMessage, droppable = false) => {
      if (ws.readyState !== ws.OPEN) return;
      if (droppable && msg.type === 'event') {
        if (queued.push({ subId: msg.subId, event: msg.event }) === 1) setImmediate(flushEvents);
        return;
      }
      flushEvents();
      if (droppable && ws.bufferedAmount > MAX_BUFFERED) return;
      ws.send(JSON.stringify(msg));
    };
    const reject = (id: number | null, error: ApiError) => send({ type: 'error', reqId: id, error });

    const handle = async (data: RawData, isBinary: boolean): Promise<void> => {
      if (isBinary) return reject(null, { code: 'invalid-argument', message: 'Binary messages are not accepted: send JSON text.' });
      const text = Array.isArray(data) ? Buffer.concat(data).toString('utf8') : Buffer.from(data as ArrayBuffer).toString('utf8');
      if (Buffer.byteLength(text) > limits.messageBytes) {
        return reject(null, limitError(`The message is too large (${Buffer.byteLength(text)} bytes; at most ${limits.messageBytes}).`));
      }
      let raw: unknown;
      try {
        raw = JSON.parse(text);
      } catch (err) {
        return reject(null, { code: 'invalid-argument', message: `The message is not JSON: ${(err as Error).message}` });
      }
      const parsed = clientMessage.safeParse(raw);
      if (!parsed.success) {
        const id = reqId.safeParse((raw as { reqId?: unknown } | null)?.reqId);
        return reject(id.success ? id.data : null, validationError(parsed.error, 'Message'));
      }
      const msg = parsed.data;
      if (msg.type === 'invoke') {
        const result = await client.invoke(msg.name, msg.args);
        send({ type: 'result', reqId: msg.reqId, result });
      } else if (msg.type === 'subscribe') {
        const result = await client.subscribe(
          msg.name,
          msg.args,
          (subId, event) => send({ type: 'event', subId, event }, true),
          (subId, error) => send({ type: 'sub-error', subId, error }),
        );
        // The socket may have closed while the stream was opening.
        if (ws.readyState !== ws.OPEN && result.ok) client.unsubscribe(result.value);
        send({ type: 'subscribed', reqId: msg.reqId, result });
      } else {
        send({ type: 'unsubscribed', subId: msg.subId, ok: client.unsubscribe(msg.subId) });
      }
    };

    ws.on('message', (data, isBinary) => {
      handle(data, isBinary).catch((err: unknown) => reject(null, { code: 'internal', message: `Internal error: ${(err as Error)?.message ?? String(err)}` }));
    });
    ws.on('close', () => {
      sockets.delete(ws);
      client.dispose();
    });
    ws.on('error', () => ws.close());
  };

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as { port: number }).port;
  const origin = `http://127.0.0.1:${port}`;
  const newLink = () => `${origin}/#code=${sessions.mintCode()}`;

  return {
    url: newLink(),
    port,
    origin,
    newLink,
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

function deny(res: http.ServerResponse, status: number, text: string): void {
  if (res.headersSent) return void res.destroy();
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' });
  res.end(text + '\n');
}

function json(res: http.ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' });
  res.end(JSON.stringify(body));
}
