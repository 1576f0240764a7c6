/**
 * The engine client never follows a redirect and never sends a malformed path. A stand-in engine
 * on a unix socket answers every request with a 301 to a local HTTP server that counts visits
 * (what the real engine does for `/containers/web//1/json`, pointing at a host from the path).
 */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDockerClient, encodePathRef, isPlainEnginePath } from '../../../main/engine/docker-client';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dockside-redirect-'));
const sock = path.join(dir, 'engine.sock');
let visits = 0;
let engineSaw: string[] = [];
let target: http.Server;
let engine: http.Server;

beforeAll(async () => {
  target = http.createServer((_req, res) => {
    visits++;
    res.end('{}');
  });
  await new Promise<void>((r) => target.listen(0, '127.0.0.1', () => r()));
  const port = (target.address() as { port: number }).port;
  engine = http.createServer((req, res) => {
    engineSaw.push(req.url ?? '');
    res.writeHead(301, { Location: `http://127.0.0.1:${port}/stolen` });
    res.end();
  });
  await new Promise<void>((r) => engine.listen(sock, () => r()));
});

afterAll(async () => {
  await new Promise((r) => engine.close(r));
  await new Promise((r) => target.close(r));
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('engine client', () => {
  it('treats a redirect from the engine as an error and never follows it', async () => {
    const docker = createDockerClient({ kind: 'unix', url: `unix://${sock}`, socketPath: sock, source: 'switcher' });
    await expect(docker.getContainer('web').inspect()).rejects.toThrow(/301/);
    await expect(docker.listContainers()).rejects.toThrow(/301/);
    expect(visits).toBe(0);
  });

  it('refuses to send a path with empty or dot segments, and encodes what it sends', async () => {
    engineSaw = [];
    const docker = createDockerClient({ kind: 'unix', url: `unix://${sock}`, socketPath: sock, source: 'switcher' });
    await expect(docker.getContainer('web//1').inspect()).rejects.toThrow(/malformed path/);
    await expect(docker.getContainer('../..').inspect()).rejects.toThrow(/malformed path/);
    await expect(docker.getContainer('a b?c#d').inspect()).rejects.toThrow(/301/);
    expect(engineSaw).toEqual(['/containers/a%20b%3Fc%23d/json']);
    expect(visits).toBe(0);
  });

  it('keeps valid references as they are', () => {
    expect(encodePathRef('localhost:5000/shop/web:1.2')).toBe('localhost:5000/shop/web:1.2');
    expect(encodePathRef('web@sha256:abc')).toBe('web@sha256:abc');
    expect(isPlainEnginePath('/containers/web/json?all=1')).toBe(true);
    for (const bad of ['/containers//json', '/containers/../json', '/containers/%2e%2e/json', '/a/%2F/b', 'containers/x', '/a#b']) expect(isPlainEnginePath(bad), bad).toBe(false);
  });
});
