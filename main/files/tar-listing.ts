/**
 * Reads the engine's archive answers (`GET /containers/{id}/archive`, a tar) with tar-stream:
 * the direct children of a folder, or the bytes of one file, draining everything else without
 * keeping it. Bounded: a listing stops after `maxBytes` of tar (a container's `/` can be the
 * whole filesystem) and says it was cut.
 */
import type { Readable } from 'node:stream';
import tar from 'tar-stream';
import type { FileEntry } from '../contract';

function normalise(name: string): string {
  return name.replace(/^\.?\/+/, '').replace(/\/+$/, '');
}

function entryType(t: string | null | undefined): FileEntry['type'] {
  if (t === 'file' || t === 'contiguous-file' || t === 'link') return 'file';
  if (t === 'directory') return 'directory';
  if (t === 'symlink') return 'symlink';
  return 'other';
}

function toEntry(name: string, h: tar.Header): FileEntry {
  return {
    name,
    type: entryType(h.type),
    size: h.size ?? 0,
    mode: ((h.mode ?? 0) & 0o7777).toString(8),
    modified: (h.mtime ?? new Date(0)).toISOString(),
    ...(h.type === 'symlink' && h.linkname ? { linkTarget: h.linkname } : {}),
  };
}

export interface TarListing {
  /** The archived path itself (its type tells a folder from a file). */
  self: FileEntry | null;
  entries: FileEntry[];
  truncated: boolean;
}

/** The direct children of the archive's top entry. */
export function listTar(source: Readable, maxBytes = 256 * 1024 * 1024): Promise<TarListing> {
  return new Promise((resolve, reject) => {
    const extract = tar.extract();
    let root: string | null = null;
    let self: FileEntry | null = null;
    const entries: FileEntry[] = [];
    let read = 0;
    let settled = false;
    const finish = (truncated: boolean) => {
      if (settled) return;
      settled = true;
      entries.sort((a, b) => (a.type === 'directory') !== (b.type === 'directory') ? (a.type === 'directory' ? -1 : 1) : a.name.localeCompare(b.name));
      resolve({ self, entries, truncated });
    };
    const onData = (chunk: Buffer) => {
      read += chunk.length;
      if (read > maxBytes) {
        source.unpipe(extract);
        source.destroy();
        extract.destroy();
        finish(true);
      }
    };
    source.on('data', onData);
    extract.on('entry', (header, stream, next) => {
      const name = normalise(header.name);
      if (root === null) {
        root = name;
        self = toEntry(name.split('/').pop() || '/', header);
      } else {
        const rel = root === '' ? name : name.startsWith(root + '/') ? name.slice(root.length + 1) : null;
        if (rel && !rel.includes('/')) entries.push(toEntry(rel, header));
      }
      stream.on('end', () => next());
      stream.resume();
    });
    extract.on('finish', () => finish(false));
    extract.on('error', (err) => {
      if (!settled) {
        settled = true;
        reject(err);
      }
    });
    source.on('error', (err) => {
      if (!settled) {
        settled = true;
        reject(err);
      }
    });
    source.pipe(extract);
  });
}

export interface TarFile {
  header: FileEntry;
  /** Null when the file is larger than the limit (nothing of it was kept). */
  data: Buffer | null;
}

/** The first entry of the archive with its bytes, when it is at most `maxBytes`. */
export function readTarFile(source: Readable, maxBytes: number): Promise<TarFile> {
  return new Promise((resolve, reject) => {
    const extract = tar.extract();
    let done = false;
    const settle = (v: TarFile | Error) => {
      if (done) return;
      done = true;
      source.unpipe(extract);
      source.destroy();
      extract.destroy();
      if (v instanceof Error) reject(v);
      else resolve(v);
    };
    extract.on('entry', (header, stream) => {
      const entry = toEntry(normalise(header.name).split('/').pop() || '/', header);
      if (entry.type !== 'file' || (header.size ?? 0) > maxBytes) return settle({ header: entry, data: null });
      const chunks: Buffer[] = [];
      stream.on('data', (c: unknown) => {
        chunks.push(c as Buffer);
      });
      stream.on('end', () => settle({ header: entry, data: Buffer.concat(chunks) }));
    });
    extract.on('finish', () => settle(new Error('The engine sent an empty archive.')));
    extract.on('error', (e) => settle(e));
    source.on('error', (e) => settle(e));
    source.pipe(extract);
  });
}

/** A tar holding one file, for `PUT /containers/{id}/archive`. */
export async function singleFileTar(name: string, content: Buffer): Promise<Buffer> {
  const pack = tar.pack();
  pack.entry({ name, size: content.length, mode: 0o644, mtime: new Date() }, content);
  pack.finalize();
  const chunks: Buffer[] = [];
  for await (const c of pack) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

/** Text if it has no NUL byte and decodes as UTF-8; anything else is treated as binary. */
export function decodeText(data: Buffer): string | null {
  if (data.subarray(0, 8192).includes(0)) return null;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(data);
  } catch {
    return null;
  }
}
