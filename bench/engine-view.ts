/**
 * The engine as the bench sees it: a unix socket in front of the real engine that adds
 * `label=dockside.bench=<run>` to every container list and event stream request, so Dockside and
 * `docker stats` (both pointed at it with DOCKER_HOST) see, stream and count the bench's own
 * containers only, whatever else runs on the shared engine. It also records every request line
 * (what the stream-churn figure counts). Both sides pay the same proxy (its CPU is the bench
 * process's, measured for neither).
 */
import fs from 'node:fs';
import net from 'node:net';

export interface EngineView {
  socketPath: string;
  /** Request lines as sent on (after the label filter was added), with when. */
  log: { line: string; at: number }[];
  /** Request lines of connections still open (streams running, or idle keep-alives). */
  openRequests(): string[];
  /**
   * Stats documents the engine has sent on stats streams so far (`docker stats` gets one per
   * container per collector round: about 0.93 a second at 10 containers, fewer at 50, since the
   * engine's collector sleeps 1 s and then collects). One-shot answers are not counted here.
   */
  streamedStats(): number;
  close(): Promise<void>;
}

/** True for a request line that opens a stats stream (not a one-shot `stream=false` sample). */
export function isStatsStream(requestLine: string): boolean {
  return /\/containers\/[^/]+\/stats\b/.test(requestLine) && !/[?&]stream=(false|0)\b/.test(requestLine);
}

/** Adds the label filter to `GET /containers/json` and `GET /events`, keeping the filters already asked for. */
export function withLabelFilter(requestLine: string, label: string): string {
  const m = /^(GET) (\S+) (HTTP\/1\.[01])$/.exec(requestLine);
  if (!m) return requestLine;
  const url = new URL(m[2]!, 'http://engine');
  if (!/^\/(v[\d.]+\/)?(containers\/json|events)$/.test(url.pathname)) return requestLine;
  const filters = JSON.parse(url.searchParams.get('filters') || '{}') as Record<string, string[] | Record<string, boolean>>;
  // The engine takes {"label":["k=v"]} and the older map form {"label":{"k=v":true}}; keep the caller's form.
  const mapForm = Object.values(filters).some((v) => !Array.isArray(v));
  const existing = filters.label;
  if (mapForm) filters.label = { ...(existing && !Array.isArray(existing) ? existing : {}), [label]: true };
  else filters.label = [...(Array.isArray(existing) ? existing : []), label];
  url.searchParams.set('filters', JSON.stringify(filters));
  return `${m[1]} ${url.pathname}${url.search} ${m[3]}`;
}

export async function engineView(socketPath: string, engineSocket: string, label: string): Promise<EngineView> {
  const log: { line: string; at: number }[] = [];
  const open = new Map<net.Socket, string>();
  let streamed = 0;
  const server = net.createServer((client) => {
    const upstream = net.connect(engineSocket);
    open.set(client, '');
    // Requests are read header by header (bodies passed through by Content-Length); after an
    // upgrade or a chunked request body the rest of the connection is passed through as it is.
    let buf = Buffer.alloc(0);
    let bodyLeft = 0;
    let raw = false;
    client.on('data', (chunk: Buffer) => {
      if (raw) return void upstream.write(chunk);
      buf = Buffer.concat([buf, chunk]);
      for (;;) {
        if (bodyLeft > 0) {
          const n = Math.min(bodyLeft, buf.length);
          if (n === 0) return;
          upstream.write(buf.subarray(0, n));
          buf = buf.subarray(n);
          bodyLeft -= n;
          continue;
        }
        const end = buf.indexOf('\r\n\r\n');
        if (end < 0) return;
        const head = buf.subarray(0, end + 4).toString('latin1');
        buf = buf.subarray(end + 4);
        const eol = head.indexOf('\r\n');
        const line = withLabelFilter(head.slice(0, eol), label);
        log.push({ line, at: Date.now() });
        open.set(client, line);
        upstream.write(Buffer.from(line + head.slice(eol), 'latin1'));
        bodyLeft = Number(/\r\ncontent-length:\s*(\d+)/i.exec(head)?.[1] ?? 0);
        if (/\r\n(transfer-encoding:\s*chunked|upgrade:)/i.test(head)) {
          raw = true;
          if (buf.length) upstream.write(buf);
          return;
        }
      }
    });
    upstream.pipe(client);
    // Each stats document ends with a newline (the engine's JSON encoder); the chunked framing's
    // own line ends are CRLF, so a newline not after a CR ends a document.
    let lastByte = 0;
    upstream.on('data', (chunk: Buffer) => {
      const line = open.get(client) ?? '';
      if (isStatsStream(line)) {
        for (let i = chunk.indexOf(10); i >= 0; i = chunk.indexOf(10, i + 1)) if ((i > 0 ? chunk[i - 1] : lastByte) !== 13) streamed++;
      }
      lastByte = chunk[chunk.length - 1] ?? lastByte;
    });
    const end = () => {
      client.destroy();
      upstream.destroy();
      open.delete(client);
    };
    client.on('error', end).on('close', end);
    upstream.on('error', end).on('close', end);
  });
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(socketPath, () => resolve()));
  return {
    socketPath,
    log,
    openRequests: () => [...open.values()].filter(Boolean),
    streamedStats: () => streamed,
    close: () =>
      new Promise<void>((resolve) => {
        for (const c of open.keys()) c.destroy();
        server.close(() => {
          fs.rmSync(socketPath, { force: true });
          resolve();
        });
      }),
  };
}
