/**
 * The bench's engine view adds its label filter to container lists and event streams, keeping
 * the filters the client asked for in the form it used, and leaves every other request alone.
 */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { engineView, withLabelFilter } from '../../../bench/engine-view';

const LABEL = 'dockside.bench=bench-x';
const filtersOf = (line: string) => JSON.parse(new URL(line.split(' ')[1]!, 'http://e').searchParams.get('filters') ?? 'null') as unknown;

describe('withLabelFilter', () => {
  it('adds the label to a container list without filters', () => {
    const line = withLabelFilter('GET /v1.41/containers/json?all=1 HTTP/1.1', LABEL);
    expect(line).toMatch(/^GET \/v1\.41\/containers\/json\?all=1&filters=\S+ HTTP\/1\.1$/);
    expect(filtersOf(line)).toEqual({ label: [LABEL] });
  });

  it("keeps the docker CLI's map form and its other filters on the event stream", () => {
    const asked = encodeURIComponent(JSON.stringify({ type: { container: true } }));
    const line = withLabelFilter(`GET /v1.41/events?filters=${asked} HTTP/1.1`, LABEL);
    expect(filtersOf(line)).toEqual({ type: { container: true }, label: { [LABEL]: true } });
  });

  it('adds to the labels already asked for in the list form', () => {
    const asked = encodeURIComponent(JSON.stringify({ status: ['running'], label: ['a=b'] }));
    const line = withLabelFilter(`GET /containers/json?filters=${asked} HTTP/1.1`, LABEL);
    expect(filtersOf(line)).toEqual({ status: ['running'], label: ['a=b', LABEL] });
  });

  it('leaves other requests as they are', () => {
    for (const l of ['GET /v1.41/containers/abc/json HTTP/1.1', 'GET /v1.41/containers/abc/stats?stream=0 HTTP/1.1', 'POST /v1.41/containers/json HTTP/1.1', 'GET /v1.41/images/json HTTP/1.1']) {
      expect(withLabelFilter(l, LABEL)).toBe(l);
    }
  });
});

describe('engineView', () => {
  it("counts the stats documents sent on streams (the CLI's samples), not one-shot answers", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dockside-view-'));
    // A stand-in engine (pure counting logic): 3 documents on a stream, written apart as the
    // engine flushes them (chunked), and one for a one-shot request.
    const engine = http.createServer((req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      if (req.url?.includes('stream=false')) return void res.end('{"read":"x"}\n');
      let n = 0;
      const t = setInterval(() => {
        res.write(JSON.stringify({ read: `t${n}`, note: 'a\\nb' }) + '\n');
        if (++n === 3) {
          clearInterval(t);
          res.end();
        }
      }, 5);
    });
    await new Promise<void>((r) => engine.listen(path.join(dir, 'engine.sock'), () => r()));
    const view = await engineView(path.join(dir, 'view.sock'), path.join(dir, 'engine.sock'), LABEL);
    const get = (p: string) =>
      new Promise<string>((resolve) => http.get({ socketPath: view.socketPath, path: p }, (res) => {
        let body = '';
        res.on('data', (d) => (body += d));
        res.on('end', () => resolve(body));
      }));
    try {
      expect((await get('/v1.41/containers/abc/stats')).split('\n').filter(Boolean)).toHaveLength(3);
      await get('/v1.41/containers/abc/stats?stream=false&one-shot=true');
      expect(view.streamedStats()).toBe(3);
    } finally {
      await view.close();
      await new Promise((r) => engine.close(r));
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
