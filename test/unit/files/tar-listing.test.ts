import { Readable } from 'node:stream';
import tar from 'tar-stream';
import { describe, expect, it } from 'vitest';
import { decodeText, listTar, readTarFile, singleFileTar } from '../../../main/files/tar-listing';

type Entry = { name: string; type: 'file' | 'directory' | 'symlink'; linkname?: string };

async function tarOf(entries: Entry[], bodies: Record<string, string> = {}): Promise<Readable> {
  const pack = tar.pack();
  for (const e of entries) {
    if (e.type === 'file') pack.entry(e, bodies[e.name] ?? '');
    else pack.entry(e);
  }
  pack.finalize();
  const chunks: Buffer[] = [];
  for await (const c of pack) chunks.push(c as Buffer);
  return Readable.from([Buffer.concat(chunks)]);
}

describe('listTar', () => {
  it('lists only the direct children of the archived folder, folders first', async () => {
    const src = await tarOf([
      { name: 'app/', type: 'directory' },
      { name: 'app/z.txt', type: 'file' },
      { name: 'app/lib/', type: 'directory' },
      { name: 'app/lib/deep.txt', type: 'file' },
      { name: 'app/link', type: 'symlink', linkname: 'z.txt' },
    ], { 'app/z.txt': 'hello' });
    const l = await listTar(src);
    expect(l.self?.type).toBe('directory');
    expect(l.entries.map((e) => `${e.type}:${e.name}`)).toEqual(['directory:lib', 'symlink:link', 'file:z.txt']);
    expect(l.entries.find((e) => e.name === 'z.txt')!.size).toBe(5);
    expect(l.entries.find((e) => e.name === 'link')!.linkTarget).toBe('z.txt');
  });
  it('handles the root ("/" and "/x" names)', async () => {
    const l = await listTar(await tarOf([{ name: '/', type: 'directory' }, { name: '/.dockerenv', type: 'file' }, { name: '/bin/', type: 'directory' }, { name: '/bin/sh', type: 'file' }]));
    expect(l.entries.map((e) => e.name)).toEqual(['bin', '.dockerenv']);
  });
  it('stops at the byte limit and says so', async () => {
    const big = 'x'.repeat(200_000);
    const l = await listTar(await tarOf([{ name: 'd/', type: 'directory' }, { name: 'd/a', type: 'file' }, { name: 'd/b', type: 'file' }], { 'd/a': big, 'd/b': big }), 100_000);
    expect(l.truncated).toBe(true);
  });
});

describe('readTarFile and decodeText', () => {
  it('reads a small file, refuses one over the limit without keeping it', async () => {
    expect((await readTarFile(await tarOf([{ name: 'a.txt', type: 'file' }], { 'a.txt': 'hi' }), 10)).data?.toString()).toBe('hi');
    expect((await readTarFile(await tarOf([{ name: 'a.txt', type: 'file' }], { 'a.txt': 'hello world' }), 5)).data).toBeNull();
  });
  it('round-trips an upload tar', async () => {
    const t = await singleFileTar('up.txt', Buffer.from('content'));
    const f = await readTarFile(Readable.from([t]), 100);
    expect(f.header.name).toBe('up.txt');
    expect(f.data?.toString()).toBe('content');
  });
  it('tells text from binary', () => {
    expect(decodeText(Buffer.from('héllo\n'))).toBe('héllo\n');
    expect(decodeText(Buffer.from([0x68, 0x00, 0x69]))).toBeNull();
    expect(decodeText(Buffer.from([0xff, 0xfe, 0x41]))).toBeNull();
  });
});
