/**
 * `npm run serve`: browser mode. Prints a one-time link on a line of its own, and a fresh one
 * each time Enter is pressed in the terminal (for another tab, or after the first was used).
 *   --port N     listen on port N (default: a free port)
 *   --static DIR serve the renderer from DIR (default: renderer/dist)
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createService } from '../service/create-service';
import { guardProcess } from '../service/process-guard';
import { DownloadTickets } from './downloads';
import { startBrowserServer } from './server';

export function parseServeArgs(argv: string[]): { port: number; staticDir: string } {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
  let port = 0;
  let staticDir = path.join(root, 'renderer/dist');
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const value = (name: string): string => {
      const eq = a.indexOf('=');
      const v = eq >= 0 ? a.slice(eq + 1) : argv[++i];
      if (v === undefined || v === '') throw new Error(`${name} needs a value.`);
      return v;
    };
    if (a === '--port' || a.startsWith('--port=')) {
      const v = value('--port');
      const n = Number(v);
      if (!/^\d+$/.test(v) || n < 0 || n > 65535) throw new Error(`--port "${v}" is not a port number (0-65535).`);
      port = n;
    } else if (a === '--static' || a.startsWith('--static=')) {
      staticDir = path.resolve(value('--static'));
    } else {
      throw new Error(`Unknown option "${a}". Options: --port N, --static DIR.`);
    }
  }
  return { port, staticDir };
}

async function main(): Promise<void> {
  let args: ReturnType<typeof parseServeArgs>;
  try {
    args = parseServeArgs(process.argv.slice(2));
  } catch (err) {
    console.error(`dockside serve: ${(err as Error).message}`);
    process.exit(2);
  }
  guardProcess((line) => console.error(line));
  const downloads = new DownloadTickets();
  const service = await createService({ offerDownload: (offer) => downloads.offer(offer) });
  const status = service.engine.getStatus();
  const server = await startBrowserServer({ dispatcher: service.dispatcher, staticDir: args.staticDir, port: args.port, downloads }).catch(
    (err: NodeJS.ErrnoException) => {
      console.error(`dockside serve: cannot listen on 127.0.0.1:${args.port}: ${err.code === 'EADDRINUSE' ? 'the port is in use' : err.message}`);
      process.exit(1);
    },
  );
  console.log(`Dockside is running in browser mode (engine: ${status.state === 'connected' ? `${status.info.name} ${status.info.version} at ${status.endpoint.url}` : status.state}).`);
  console.log('Open this link (it works once; press Enter here for a new one, e.g. for another tab):');
  console.log(server.url);
  // A new link on each Enter: the page keeps its session across reloads, but a new tab needs one.
  if (!process.stdin.destroyed) {
    process.stdin.setEncoding('utf8');
    process.stdin.on('data', (chunk: string) => {
      for (let n = chunk.split('\n').length - 1; n > 0; n--) console.log(server.newLink());
    });
    process.stdin.on('error', () => undefined);
  }
  const shutdown = () => {
    service.close();
    void server.close().then(() => process.exit(0));
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) void main();
