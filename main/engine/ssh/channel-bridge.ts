/**
 * Hands ssh channels to Node's HTTP client as real sockets.
 *
 * Node's http client driving an ssh2 channel directly stalled for seconds (up to a minute) as
 * soon as a stats stream shared the connection with parallel calls, while the same channels
 * behind a local socket answered in milliseconds (measured: 24 parallel calls 1.6 s vs 24+ s).
 * So each channel is paired with one connection to a private local socket (a 0700 temp folder,
 * or a named pipe on Windows); a random token written first picks the channel, so no other
 * process can take one over.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { Duplex } from 'node:stream';

const TOKEN_BYTES = 16;

export class ChannelBridge {
  private readonly server: net.Server;
  private readonly address: string;
  private readonly dir: string | null;
  private readonly waiting = new Map<string, Promise<Duplex>>();
  private readonly onExit = () => this.removeDir();

  constructor() {
    if (process.platform === 'win32') {
      this.dir = null;
      this.address = `\\\\.\\pipe\\dockside-ssh-${randomBytes(8).toString('hex')}`;
    } else {
      this.dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dockside-ssh-'));
      fs.chmodSync(this.dir, 0o700);
      this.address = path.join(this.dir, 'bridge.sock');
    }
    this.server = net.createServer((s) => this.pair(s));
    this.server.listen(this.address);
    this.server.unref();
    process.once('exit', this.onExit);
  }

  /**
   * A local socket, returned at once, whose bytes become a channel's as soon as `open` gives
   * one; when `open` fails, the socket is destroyed with that error (so an HTTP request on it
   * fails with the ssh error that says which step failed).
   */
  socketFor(open: () => Promise<Duplex>): net.Socket {
    const token = randomBytes(TOKEN_BYTES);
    const channel = open();
    this.waiting.set(token.toString('hex'), channel);
    // The server listens synchronously on a local socket, so connecting right away works;
    // bytes written meanwhile wait in the socket until it is connected.
    const sock = net.connect(this.address);
    sock.write(token);
    channel.catch((err: Error) => sock.destroy(err));
    return sock;
  }

  close(): void {
    for (const ch of this.waiting.values()) void ch.then((c) => c.destroy(), () => undefined);
    this.waiting.clear();
    this.server.close();
    this.removeDir();
    process.off('exit', this.onExit);
  }

  private pair(s: net.Socket): void {
    let head = Buffer.alloc(0);
    s.on('error', () => s.destroy());
    const onData = (d: Buffer) => {
      head = Buffer.concat([head, d]);
      if (head.length < TOKEN_BYTES) return;
      s.off('data', onData);
      s.pause();
      const key = head.subarray(0, TOKEN_BYTES).toString('hex');
      const channel = this.waiting.get(key);
      this.waiting.delete(key);
      if (!channel) return void s.destroy();
      const rest = head.subarray(TOKEN_BYTES);
      channel.then(
        (ch) => {
          if (rest.length) ch.write(rest);
          ch.on('error', () => s.destroy());
          ch.once('close', () => s.destroy());
          s.once('close', () => ch.destroy());
          s.pipe(ch);
          ch.pipe(s);
        },
        () => s.destroy(),
      );
    };
    s.on('data', onData);
  }

  private removeDir(): void {
    if (this.dir) fs.rmSync(this.dir, { recursive: true, force: true });
  }
}
