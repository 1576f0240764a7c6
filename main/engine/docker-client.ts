/**
 * Builds a dockerode client for a resolved endpoint, and only from it. The API version is
 * negotiated, never fixed.
 *
 * docker-modem reads DOCKER_HOST, DOCKER_TLS_VERIFY, DOCKER_CERT_PATH (and a few more) from the
 * environment when a client is made, and what it finds there beats the options it is given: with
 * DOCKER_HOST=tcp://... set, a client asked for a unix socket still talked to the tcp host, and a
 * DOCKER_CERT_PATH without cert files threw ENOENT out of the constructor. So the modem is made
 * with those variables hidden, and every field comes from Dockside's own endpoint.
 *
 * One branch per scheme: a transport (ssh, ...) plugs in as its own branch of `createModem`.
 */
import fs from 'node:fs';
import https from 'node:https';
import Docker from 'dockerode';
import Modem from 'docker-modem';
import { EndpointError, type Endpoint, type EndpointTls } from './endpoint';

/** Variables docker-modem reads by itself (see node_modules/docker-modem/lib/modem.js). */
const MODEM_ENV = ['DOCKER_HOST', 'DOCKER_TLS_VERIFY', 'DOCKER_CERT_PATH', 'DOCKER_PATH_PREFIX', 'DOCKER_CLIENT_TIMEOUT'] as const;

export function createDockerClient(endpoint: Endpoint): Docker {
  return new Docker({ modem: createModem(endpoint) } as Docker.DockerOptions);
}

/** The modem (connection settings) for an endpoint; throws EndpointError for unreadable TLS files. */
export function createModem(endpoint: Endpoint): Modem {
  switch (endpoint.kind) {
    case 'unix':
    case 'npipe':
      return modemWithoutEnv({ socketPath: endpoint.socketPath! });
    case 'ssh':
      return modemWithoutEnv({
        protocol: 'ssh',
        host: endpoint.host!,
        port: endpoint.port!,
        ...(endpoint.username ? { username: endpoint.username } : {}),
        sshOptions: process.env.SSH_AUTH_SOCK ? { agent: process.env.SSH_AUTH_SOCK } : {},
      } as Modem.ConstructorOptions);
    case 'tcp': {
      if (!endpoint.tls) return modemWithoutEnv({ protocol: 'http', host: endpoint.host!, port: endpoint.port! });
      const material = readTlsMaterial(endpoint.tls);
      return modemWithoutEnv({
        protocol: 'https',
        host: endpoint.host!,
        port: endpoint.port!,
        ...material,
        // The agent carries the verification choice: contexts with skip-tls-verify (and tcp://
        // with TLS but without DOCKER_TLS_VERIFY, as in the CLI) do not check the server.
        agent: new https.Agent({ ...material, rejectUnauthorized: endpoint.tls.verify, keepAlive: true }),
      } as Modem.ConstructorOptions);
    }
  }
}

/** Makes a modem while the variables it would read are hidden (synchronous: nothing else runs meanwhile). */
function modemWithoutEnv(options: Modem.ConstructorOptions): Modem {
  const saved = MODEM_ENV.map((k) => [k, process.env[k]] as const);
  for (const k of MODEM_ENV) delete process.env[k];
  try {
    return new Modem(options);
  } finally {
    for (const [k, v] of saved) if (v !== undefined) process.env[k] = v;
  }
}

/**
 * Reads ca.pem, cert.pem and key.pem like the docker CLI: the CA is needed when the server is
 * verified; a missing client pair is allowed (the server decides whether it wants one); a file
 * that exists but cannot be read, or half a pair, is an error naming the file and the setting.
 */
export function readTlsMaterial(tls: EndpointTls): { ca?: Buffer; cert?: Buffer; key?: Buffer } {
  const read = (file: string, what: string, required: boolean): Buffer | undefined => {
    try {
      return fs.readFileSync(file);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' && !required) return undefined;
      const why = code === 'ENOENT' ? 'does not exist' : code === 'EACCES' ? 'cannot be read (permission denied)' : `cannot be read (${(err as Error).message})`;
      throw new EndpointError(
        'bad-tls',
        `The TLS ${what} ${file} (from ${tls.from}) ${why}.`,
        'Point DOCKER_CERT_PATH (or the context\'s TLS settings) at a folder holding ca.pem, cert.pem and key.pem, or unset DOCKER_TLS_VERIFY for an engine without TLS.',
      );
    }
  };
  const ca = read(tls.caPath, 'CA certificate', tls.verify);
  const cert = read(tls.certPath, 'client certificate', false);
  const key = read(tls.keyPath, 'client key', false);
  if ((cert === undefined) !== (key === undefined)) {
    const missing = cert === undefined ? tls.certPath : tls.keyPath;
    throw new EndpointError('bad-tls', `The TLS client ${cert === undefined ? 'certificate' : 'key'} ${missing} (from ${tls.from}) does not exist, but its pair does.`, 'Keep cert.pem and key.pem together in the same folder.');
  }
  return { ...(ca ? { ca } : {}), ...(cert ? { cert } : {}), ...(key ? { key } : {}) };
}
