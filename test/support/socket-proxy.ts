/** A unix socket that forwards to the real engine until cut: lets tests take the engine away without stopping it. */
import net from 'node:net';
import { resolveEndpoint } from '../../main/engine/endpoint';
import { processEndpointEnv } from '../../main/engine/engine-manager';

export function engineSocketPath(): string {
  const ep = resolveEndpoint(processEndpointEnv());
  if (ep.kind !== 'unix') throw new Error(`this test needs a unix-socket engine, not ${ep.url}`);
  return ep.socketPath!;
}

export function socketProxy(socketPath: string) {
  let server: net.Server | null = null;
  const conns = new Set<net.Socket>();
  return {
    open: () =>
      new Promise<void>((resolve) => {
        server = net.createServer((client) => {
          const upstream = net.connect(engineSocketPath());
          conns.add(client).add(upstream);
          client.pipe(upstream).pipe(client);
          const end = () => {
            client.destroy();
            upstream.destroy();
          };
          client.on('error', end).on('close', end);
          upstream.on('error', end).on('close', end);
        });
        server.listen(socketPath, () => resolve());
      }),
    cut: () =>
      new Promise<void>((resolve) => {
        for (const c of conns) c.destroy();
        conns.clear();
        if (!server) return resolve();
        server.close(() => resolve());
        server = null;
      }),
  };
}
