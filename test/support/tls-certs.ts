/**
 * Certificates for TLS tests, made with openssl in a fresh temporary folder: a CA, a server
 * certificate for 127.0.0.1/localhost, and a client certificate (extendedKeyUsage=clientAuth),
 * laid out as DOCKER_CERT_PATH expects (ca.pem, cert.pem, key.pem) plus server-*.pem.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface TestCerts {
  dir: string;
  ca: string;
  cert: string;
  key: string;
  serverCert: string;
  serverKey: string;
  remove(): void;
}

export function makeTestCerts(): TestCerts {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dockside-tls-'));
  const f = (n: string) => path.join(dir, n);
  const ssl = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
  ssl('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', '/CN=dockside-test-ca', '-keyout', f('ca-key.pem'), '-out', f('ca.pem'));
  ssl('req', '-newkey', 'rsa:2048', '-nodes', '-subj', '/CN=127.0.0.1', '-keyout', f('server-key.pem'), '-out', f('server.csr'));
  fs.writeFileSync(f('server.ext'), 'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n');
  ssl('x509', '-req', '-in', f('server.csr'), '-CA', f('ca.pem'), '-CAkey', f('ca-key.pem'), '-CAcreateserial', '-days', '2', '-extfile', f('server.ext'), '-out', f('server-cert.pem'));
  ssl('req', '-newkey', 'rsa:2048', '-nodes', '-subj', '/CN=dockside-test-client', '-keyout', f('key.pem'), '-out', f('client.csr'));
  fs.writeFileSync(f('client.ext'), 'extendedKeyUsage=clientAuth\n');
  ssl('x509', '-req', '-in', f('client.csr'), '-CA', f('ca.pem'), '-CAkey', f('ca-key.pem'), '-CAcreateserial', '-days', '2', '-extfile', f('client.ext'), '-out', f('cert.pem'));
  return {
    dir,
    ca: f('ca.pem'),
    cert: f('cert.pem'),
    key: f('key.pem'),
    serverCert: f('server-cert.pem'),
    serverKey: f('server-key.pem'),
    remove: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}
