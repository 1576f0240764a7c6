/** Builds a dockerode client for a resolved endpoint. The API version is negotiated, never fixed. */
import fs from 'node:fs';
import Docker from 'dockerode';
import type { Endpoint } from './endpoint';

export function createDockerClient(endpoint: Endpoint): Docker {
  switch (endpoint.kind) {
    case 'unix':
    case 'npipe':
      return new Docker({ socketPath: endpoint.socketPath! });
    case 'ssh':
      return new Docker({
        protocol: 'ssh',
        host: endpoint.host!,
        port: endpoint.port!,
        ...(endpoint.username ? { username: endpoint.username } : {}),
        sshOptions: process.env.SSH_AUTH_SOCK ? { agent: process.env.SSH_AUTH_SOCK } : {},
      });
    case 'tcp': {
      const tls = endpoint.tls;
      const read = (f: string): Buffer | undefined => (fs.existsSync(f) ? fs.readFileSync(f) : undefined);
      return new Docker({
        protocol: endpoint.protocol === 'https' ? 'https' : 'http',
        host: endpoint.host!,
        port: endpoint.port!,
        ...(tls
          ? {
              ca: read(tls.caPath),
              cert: read(tls.certPath),
              key: read(tls.keyPath),
            }
          : {}),
      } as Docker.DockerOptions);
    }
  }
}
