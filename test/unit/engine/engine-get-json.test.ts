/**
 * The lean GET used by the Stats overview's one-shot samples: same destination, same path guard
 * and same error shape as a dockerode call, over a stand-in engine on a unix socket and on tcp.
 */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engineOneShot } from '../../../main/debug/stats-sample';
import { createDockerClient } from '../../../main/engine/docker-client';
import { engineGetJson } from '../../../main/engine/engine-get-json';
import { engineMessage, toApiError } from '../../../main/engine/errors';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dockside-getjson-'));
const sock = path.join(dir, 'engine.sock');
const saw: string[] = [];
const engine = http.createServer((req, res) => {
  saw.push(req.url ?? '');
  if (req.url?.includes('/gone/')) {
    // Podman answers the stats of an unknown container with 404 and an empty body.
    res.writeHead(404);
    return void res.end();
  }
  if (req.url?.includes('/missing/')) {
    res.writeHead(404, { 'Content-Type': 'application/json' });
    return void res.end('{"message":"No such container: missing"}\n');
  }
  if (req.url?.includes('/slow/')) return; // never answers
  res.writeHead(200, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify({ read: '2026-11-29T10:00:00Z', name: '/web', url: req.url }) + '\n');
});
let tcpPort = 0;
const tcpEngine = http.createServer((req, res) => {
  res.writeHead(200, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify({ via: 'tcp', url: req.url }));
});

beforeAll(async () => {
  await new Promise<void>((r) => engine.listen(sock, () => r()));
  await new Promise<void>((r) => tcpEngine.listen(0, '127.0.0.1', () => r()));
  tcpPort = (tcpEngine.address() as { port: number }).port;
});

afterAll(async () => {
  engine.closeAllConnections();
  tcpEngine.closeAllConnections();
  await new Promise((r) => engine.close(r));
  await new Promise((r) => tcpEngine.close(r));
  fs.rmSync(dir, { recursive: true, force: true });
});

const unixClient = () => createDockerClient({ kind: 'unix', url: `unix://${sock}`, socketPath: sock, source: 'switcher' });

describe('engineGetJson', () => {
  it('asks the one-shot sample on the client\'s socket, through its keep-alive agent, and parses the answer', async () => {
    const docker = unixClient();
    saw.length = 0;
    const source = engineOneShot(docker);
    expect(source.key).toBe(docker);
    const a = await source.sample('abc123', new AbortController().signal);
    const b = await source.sample('abc123', new AbortController().signal);
    expect(a).toMatchObject({ name: '/web' });
    expect(b).toMatchObject({ name: '/web' });
    expect(saw).toEqual(['/containers/abc123/stats?stream=false&one-shot=true', '/containers/abc123/stats?stream=false&one-shot=true']);
    // The agent's sockets: the second request reused the first one's connection.
    const agent = (docker.modem as unknown as { agent: http.Agent }).agent;
    expect(Object.values(agent.freeSockets).flat()).toHaveLength(1);
  });

  it('goes to a tcp engine by host and port', async () => {
    const docker = createDockerClient({ kind: 'tcp', url: `tcp://127.0.0.1:${tcpPort}`, host: '127.0.0.1', port: tcpPort, protocol: 'http', source: 'switcher' });
    await expect(engineGetJson(docker, '/containers/x/stats?stream=false')).resolves.toEqual({ via: 'tcp', url: '/containers/x/stats?stream=false' });
  });

  it('fails like a dockerode call: status and the engine\'s own words', async () => {
    const err = await engineGetJson(unixClient(), '/containers/missing/stats').catch((e: unknown) => e);
    expect(engineMessage(err)).toBe('No such container: missing');
    expect(toApiError(err)).toMatchObject({ code: 'not-found', statusCode: 404 });
  });

  it("an empty error body keeps the status's meaning, in dockerode's words for the stats call", async () => {
    const err = await engineOneShot(unixClient()).sample('gone', new AbortController().signal).catch((e: unknown) => e);
    expect(engineMessage(err)).toBe('no such container');
    expect(toApiError(err)).toMatchObject({ code: 'not-found', statusCode: 404 });
    const other = await engineGetJson(unixClient(), '/containers/gone/json').catch((e: unknown) => e);
    expect(engineMessage(other)).toBe('not found');
  });

  it('refuses a malformed path before anything is sent, and stops when aborted', async () => {
    saw.length = 0;
    await expect(engineGetJson(unixClient(), '/containers/../x')).rejects.toThrow(/malformed path/);
    expect(saw).toEqual([]);
    const ac = new AbortController();
    const pending = engineGetJson(unixClient(), '/containers/slow/stats', ac.signal);
    setTimeout(() => ac.abort(), 20);
    await expect(pending).rejects.toThrow(/abort/i);
  });
});
