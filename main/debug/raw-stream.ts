/**
 * A GET on the engine's unix socket read straight from the socket, for big log streams. Node's
 * http client hands the body over one HTTP chunk at a time, and the engine writes one chunk per
 * log line: a million lines cost a million callbacks (measured: about 3 times slower than
 * `docker logs`). Asking with HTTP/1.0 makes the engine send the body unchunked and close at the
 * end, so the socket delivers big reads and the demuxer does the rest. Other endpoints (TCP,
 * TLS, SSH) keep going through dockerode's modem.
 */
import net from 'node:net';
import { PassThrough, type Readable } from 'node:stream';

export function rawGetStream(socketPath: string, pathAndQuery: string): Promise<Readable> {
  return new Promise((resolve, reject) => {
    const sock = net.connect({ path: socketPath });
    const body = new PassThrough({ highWaterMark: 1024 * 1024 });
    let head = Buffer.alloc(0);
    let settled = false;
    const fail = (err: Error) => {
      if (!settled) {
        settled = true;
        reject(err);
      } else body.destroy(err);
      sock.destroy();
    };
    sock.on('error', fail);
    sock.on('connect', () => sock.write(`GET ${pathAndQuery} HTTP/1.0\r\nHost: docker\r\nUser-Agent: dockside\r\n\r\n`));
    // Closing the body (unsubscribe) closes the engine connection.
    body.on('close', () => sock.destroy());
    const onData = (chunk: Buffer) => {
      if (settled) return;
      head = Buffer.concat([head, chunk]);
      const end = head.indexOf('\r\n\r\n');
      if (end < 0) {
        if (head.length > 64 * 1024) fail(new Error('The engine sent an oversized response header'));
        return;
      }
      const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(head.subarray(0, end).toString('latin1'))?.[1] ?? 0);
      const rest = head.subarray(end + 4);
      sock.off('data', onData);
      if (status !== 200) {
        // Collect the engine's JSON error ({"message": ...}) and fail with its words.
        const parts: Buffer[] = [rest];
        sock.on('data', (c: Buffer) => parts.push(c));
        sock.on('end', () => {
          const text = Buffer.concat(parts).toString('utf8');
          let message = text.trim();
          try {
            message = (JSON.parse(text) as { message?: string }).message ?? message;
          } catch {
            // not JSON: keep the text
          }
          settled = true;
          reject(Object.assign(new Error(message), { statusCode: status, json: { message } }));
        });
        return;
      }
      settled = true;
      if (rest.length) body.write(rest);
      sock.pipe(body);
      resolve(body);
    };
    sock.on('data', onData);
  });
}
