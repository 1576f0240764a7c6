/** Talks to a browser-mode server as the page does (session exchange, WebSocket) or as an attacker would (raw bytes). */
import net from 'node:net';
import WebSocket from 'ws';

export async function exchangeCode(origin: string, link: string): Promise<string> {
  const code = /#code=([A-Za-z0-9_-]+)/.exec(link)?.[1];
  if (!code) throw new Error(`no code in ${link}`);
  const res = await fetch(`${origin}/api/session`, { method: 'POST', headers: { 'Content-Type': 'application/json', Origin: origin }, body: JSON.stringify({ code }) });
  if (!res.ok) throw new Error(`exchange refused: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { secret: string }).secret;
}

export function openSocket(port: number, opts: { secret?: string; origin?: string | null; protocols?: string[] } = {}): Promise<{ ws?: WebSocket; status?: number }> {
  const origin = opts.origin === undefined ? `http://127.0.0.1:${port}` : opts.origin;
  const protocols = opts.protocols ?? (opts.secret ? ['dockside', `dockside.secret.${opts.secret}`] : ['dockside']);
  return new Promise((resolve) => {
    const sock = new WebSocket(`ws://127.0.0.1:${port}/api`, protocols, { headers: origin ? { Origin: origin } : {} });
    sock.on('open', () => resolve({ ws: sock }));
    sock.on('unexpected-response', (_req, res) => resolve({ status: res.statusCode ?? 0 }));
    sock.on('error', () => resolve({}));
  });
}

/** Sends raw bytes and returns the status code of the answer (0 when the connection closed without one). */
export function rawRequest(port: number, bytes: string, timeoutMs = 5000): Promise<{ status: number; text: string }> {
  return new Promise((resolve) => {
    const sock = net.connect(port, '127.0.0.1');
    let text = '';
    const done = () => {
      sock.destroy();
      clearTimeout(timer);
      resolve({ status: Number(/^HTTP\/1\.[01] (\d{3})/.exec(text)?.[1] ?? 0), text });
    };
    const timer = setTimeout(done, timeoutMs);
    sock.on('connect', () => sock.write(bytes));
    sock.on('data', (d) => {
      text += d.toString('latin1');
      if (/\r\n\r\n/.test(text)) setTimeout(done, 20);
    });
    sock.on('error', done);
    sock.on('close', done);
  });
}
