/**
 * Credentials go only to the registry they belong to. Stand-in registries (plain HTTP servers on
 * loopback ports) challenge with Bearer realms on other ports and hosts; the test records which
 * requests carried an Authorization header.
 */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { listRegistryTags, realmMayGetCredentials, splitRepository } from '../../../main/publish/registry-api';
import { publishCalls } from '../../../main/service/handlers/publish';
import type { ServiceContext } from '../../../main/service/types';

interface Seen {
  server: string;
  url: string;
  authorization?: string;
}
const seen: Seen[] = [];
const servers: http.Server[] = [];

async function serve(name: string, handler: (req: http.IncomingMessage, res: http.ServerResponse, port: number) => void): Promise<number> {
  let port = 0;
  const s = http.createServer((req, res) => {
    seen.push({ server: name, url: req.url ?? '', ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}) });
    handler(req, res, port);
  });
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()));
  port = (s.address() as { port: number }).port;
  servers.push(s);
  return port;
}

let thief = 0;
let redirector = 0;
let honest = 0;
const creds = { username: 'me', password: 'hunter2', serveraddress: 'x' };

beforeAll(async () => {
  thief = await serve('thief', (_req, res) => {
    res.setHeader('Content-Type', 'application/json');
    res.end(JSON.stringify({ token: 'anonymous-token' }));
  });
  // A registry whose realm is another port (another server): it must not get the password.
  redirector = await serve('registry', (req, res) => {
    if (req.headers.authorization?.startsWith('Bearer ')) {
      res.setHeader('Content-Type', 'application/json');
      return res.end(JSON.stringify({ tags: ['1.0'] }));
    }
    res.writeHead(401, { 'WWW-Authenticate': `Bearer realm="http://127.0.0.1:${thief}/token",service="x",scope="repository:shop/web:pull"` });
    res.end();
  });
  // A registry whose realm is itself: it gets the credentials (plain HTTP is fine on loopback).
  honest = await serve('honest', (req, res, port) => {
    if (req.url?.startsWith('/token')) {
      res.setHeader('Content-Type', 'application/json');
      return res.end(JSON.stringify({ token: 'real-token' }));
    }
    if (req.headers.authorization === 'Bearer real-token') {
      res.setHeader('Content-Type', 'application/json');
      return res.end(JSON.stringify({ tags: ['2.0'] }));
    }
    res.writeHead(401, { 'WWW-Authenticate': `Bearer realm="http://127.0.0.1:${port}/token",service="x"` });
    res.end();
  });
});

afterAll(async () => {
  for (const s of servers) await new Promise((r) => s.close(r));
});

beforeEach(() => {
  seen.length = 0;
});

describe('registry credentials', () => {
  it('never sends the password to a Bearer realm on another host or port', async () => {
    const r = await listRegistryTags(`127.0.0.1:${redirector}/shop/web`, creds);
    expect(r.tags).toEqual(['1.0']);
    const toThief = seen.filter((s) => s.server === 'thief');
    expect(toThief.length).toBe(1);
    expect(toThief[0]!.authorization).toBeUndefined();
  });

  it('sends it to the registry’s own token service', async () => {
    const r = await listRegistryTags(`127.0.0.1:${honest}/shop/web`, creds);
    expect(r.tags).toEqual(['2.0']);
    const token = seen.find((s) => s.url.startsWith('/token'));
    expect(token?.authorization).toBe(`Basic ${Buffer.from('me:hunter2').toString('base64')}`);
  });

  it('allows a realm only over HTTPS to the same host (or Docker Hub’s token service)', () => {
    const hub = splitRepository('library/nginx').baseUrl;
    expect(realmMayGetCredentials(hub, new URL('https://auth.docker.io/token'))).toBe(true);
    expect(realmMayGetCredentials(hub, new URL('http://auth.docker.io/token'))).toBe(false);
    expect(realmMayGetCredentials('https://ghcr.io', new URL('https://ghcr.io/token'))).toBe(true);
    expect(realmMayGetCredentials('https://ghcr.io', new URL('https://evil.example/token'))).toBe(false);
    expect(realmMayGetCredentials('https://ghcr.io', new URL('http://ghcr.io/token'))).toBe(false);
    expect(realmMayGetCredentials('https://ghcr.io', new URL('https://ghcr.io:8443/token'))).toBe(false);
    expect(realmMayGetCredentials('http://localhost:5000', new URL('http://localhost:5000/token'))).toBe(true);
    expect(realmMayGetCredentials('http://localhost:5000', new URL('http://localhost:5001/token'))).toBe(false);
  });

  it('speaks HTTPS to every registry except loopback or one the engine marks insecure', () => {
    expect(splitRepository('myhost:5000/shop/web').baseUrl).toBe('https://myhost:5000');
    expect(splitRepository('myhost:5000/shop/web', true).baseUrl).toBe('http://myhost:5000');
    expect(splitRepository('localhost:5000/shop/web').baseUrl).toBe('http://localhost:5000');
    expect(splitRepository('docker.io/library/nginx', true).baseUrl).toBe('https://registry-1.docker.io');
  });
});

describe('registry:logout', () => {
  let cfg: string;
  const saved = process.env.DOCKER_CONFIG;
  beforeEach(() => {
    cfg = fs.mkdtempSync(path.join(os.tmpdir(), 'dockside-cfg-'));
    process.env.DOCKER_CONFIG = cfg;
  });
  afterEach(() => {
    if (saved === undefined) delete process.env.DOCKER_CONFIG;
    else process.env.DOCKER_CONFIG = saved;
    fs.rmSync(cfg, { recursive: true, force: true });
  });

  it('says so when there was no login, naming the registry', async () => {
    const calls = publishCalls({ dataDir: cfg } as unknown as ServiceContext);
    await expect(calls['registry:logout']({ registry: 'localhost:5999' })).rejects.toMatchObject({ field: 'registry', message: 'Not logged in to localhost:5999.' });
  });
});
