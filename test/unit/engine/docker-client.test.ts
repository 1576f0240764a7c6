/** Clients are built from Dockside's endpoint only: the environment docker-modem reads is ignored. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createDockerClient, createModem } from '../../../main/engine/docker-client';
import { EndpointError, type Endpoint } from '../../../main/engine/endpoint';

const saved = { ...process.env };
afterEach(() => {
  for (const k of ['DOCKER_HOST', 'DOCKER_TLS_VERIFY', 'DOCKER_CERT_PATH']) {
    if (saved[k] === undefined) delete process.env[k];
    else process.env[k] = saved[k];
  }
});

const tlsEndpoint = (dir: string, verify = true): Endpoint => ({
  kind: 'tcp',
  url: 'tcp://127.0.0.1:2376',
  source: 'DOCKER_HOST',
  host: '127.0.0.1',
  port: 2376,
  protocol: 'https',
  tls: { caPath: path.join(dir, 'ca.pem'), certPath: path.join(dir, 'cert.pem'), keyPath: path.join(dir, 'key.pem'), verify, from: 'DOCKER_CERT_PATH' },
});

describe('createDockerClient', () => {
  it('a unix endpoint talks to its socket even when DOCKER_HOST names a tcp engine', () => {
    process.env.DOCKER_HOST = 'tcp://10.9.9.9:2376';
    process.env.DOCKER_TLS_VERIFY = '1';
    process.env.DOCKER_CERT_PATH = '/nonexistent-dockside-certs';
    const docker = createDockerClient({ kind: 'unix', url: 'unix:///run/x.sock', socketPath: '/run/x.sock', source: 'switcher' });
    const modem = docker.modem as unknown as { socketPath?: string; host?: string; protocol?: string; ca?: unknown };
    expect(modem).toMatchObject({ socketPath: '/run/x.sock', protocol: 'http' });
    expect(modem.host).toBeUndefined();
    expect(modem.ca).toBeUndefined();
    // And the environment is as it was.
    expect(process.env.DOCKER_HOST).toBe('tcp://10.9.9.9:2376');
  });

  it('missing TLS files give an error naming the file and the setting, not a crash', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dockside-unit-tls-'));
    try {
      expect(() => createModem(tlsEndpoint(dir))).toThrow(EndpointError);
      expect(() => createModem(tlsEndpoint(dir))).toThrow(`${path.join(dir, 'ca.pem')} (from DOCKER_CERT_PATH) does not exist`);
      fs.writeFileSync(path.join(dir, 'ca.pem'), 'x');
      fs.writeFileSync(path.join(dir, 'cert.pem'), 'x');
      expect(() => createModem(tlsEndpoint(dir))).toThrow(`${path.join(dir, 'key.pem')} (from DOCKER_CERT_PATH) does not exist, but its pair does`);
      // Without verification the CA is not needed, and no client pair is allowed.
      fs.rmSync(path.join(dir, 'ca.pem'));
      fs.rmSync(path.join(dir, 'cert.pem'));
      const modem = createModem(tlsEndpoint(dir, false)) as unknown as { protocol: string; agent: { options: { rejectUnauthorized: boolean } } };
      expect(modem.protocol).toBe('https');
      expect(modem.agent.options.rejectUnauthorized).toBe(false);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
