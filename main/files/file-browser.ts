/**
 * Look inside a container (running or stopped) or a volume through the engine's archive API,
 * the same one `docker cp` uses. A volume is read through a helper container that is created
 * (never started) with the volume mounted read-only, labelled `dockside.helper=1`, and removed
 * as soon as the read is done.
 */
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Readable } from 'node:stream';
import type Docker from 'dockerode';
import type { FileContent, FileListing } from '../contract';
import { dockerCommand, shellQuote } from '../engine/docker-command';
import { EngineFieldError } from '../workflows/run';
import { createExclusive, validateSavePath } from '../debug/logs-save';
import { decodeText, listTar, readTarFile, singleFileTar } from './tar-listing';

export type FileTarget = { kind: 'container'; id: string } | { kind: 'volume'; name: string };

export const HELPER_LABEL = 'dockside.helper';
const VOLUME_MOUNT = '/volume';

interface Opened {
  container: Docker.Container;
  /** Where the target's `path` lives inside `container`. */
  resolve(p: string): string;
  /** The CLI equivalent: how the user would reach the same bytes. */
  cp(p: string, rest: string): string;
  via?: string;
  close(): Promise<void>;
}

/** Picks an image for the helper: one a user of the volume runs, else the smallest local image. */
async function helperImage(docker: Docker, volume: string): Promise<string> {
  const users = await docker.listContainers({ all: true, filters: { volume: [volume] } });
  if (users[0]) return users[0].ImageID;
  const images = (await docker.listImages()).sort((a, b) => a.Size - b.Size);
  if (images[0]) return images[0].Id;
  throw new EngineFieldError('target', 'No local image to create the helper container from: pull or build any image first (e.g. `docker pull busybox`).', 'not-found', 404);
}

async function open(docker: Docker, target: FileTarget): Promise<Opened> {
  if (target.kind === 'container') {
    const info = await docker.getContainer(target.id).inspect();
    const name = info.Name.replace(/^\//, '');
    return {
      container: docker.getContainer(info.Id),
      resolve: (p) => p,
      cp: (p, rest) => `${dockerCommand('cp', `${name}:${p}`)} ${rest}`.trim(),
      close: async () => undefined,
    };
  }
  await docker.getVolume(target.name).inspect();
  const image = await helperImage(docker, target.name);
  const helper = await docker.createContainer({
    Image: image,
    // Never started: the archive API mounts the volume for a created container too.
    Entrypoint: ['/dockside-helper-never-started'],
    Cmd: [],
    Labels: { [HELPER_LABEL]: '1' },
    NetworkDisabled: true,
    HostConfig: { Binds: [`${target.name}:${VOLUME_MOUNT}:ro`], NetworkMode: 'none' },
  });
  const create = dockerCommand('create', '--label', `${HELPER_LABEL}=1`, '-v', `${target.name}:${VOLUME_MOUNT}:ro`, image.replace(/^sha256:/, '').slice(0, 12));
  return {
    container: helper,
    resolve: (p) => path.posix.join(VOLUME_MOUNT, p),
    cp: (p, rest) => `h=$(${create}) && docker cp "$h":${shellQuote(path.posix.join(VOLUME_MOUNT, p))} ${rest} && docker rm "$h"`.replace(/ {2,}/g, ' '),
    via: `helper container ${helper.id.slice(0, 12)} (removed)`,
    close: async () => {
      await helper.remove({ force: true, v: false }).catch(() => undefined);
    },
  };
}

async function withTarget<T>(docker: Docker, target: FileTarget, f: (o: Opened) => Promise<T>): Promise<T> {
  const o = await open(docker, target);
  try {
    return await f(o);
  } finally {
    await o.close();
  }
}

function notFound(p: string) {
  return (err: unknown): never => {
    if ((err as { statusCode?: number }).statusCode === 404) throw new EngineFieldError('path', `No such file or folder: ${p}`, 'not-found', 404);
    throw err;
  };
}

export async function listFolder(docker: Docker, target: FileTarget, p: string): Promise<FileListing & { truncated: boolean }> {
  return withTarget(docker, target, async (o) => {
    const stream = (await o.container.getArchive({ path: o.resolve(p) }).catch(notFound(p))) as Readable;
    const listing = await listTar(stream);
    if (listing.self && listing.self.type !== 'directory') throw new EngineFieldError('path', `${p} is not a folder`, 'invalid-argument');
    return { path: p, entries: listing.entries, truncated: listing.truncated, command: o.cp(p, '- | tar -tv'), ...(o.via ? { via: o.via } : {}) };
  });
}

export async function readFile(docker: Docker, target: FileTarget, p: string, maxBytes: number): Promise<FileContent> {
  return withTarget(docker, target, async (o) => {
    let current = p;
    // Follow a few symbolic links, as `cat` would.
    for (let hop = 0; hop < 5; hop++) {
      const stream = (await o.container.getArchive({ path: o.resolve(current) }).catch(notFound(current))) as Readable;
      const { header, data } = await readTarFile(stream, maxBytes);
      const command = o.cp(current, '- | tar -xO');
      if (header.type === 'symlink' && header.linkTarget) {
        current = path.posix.resolve(path.posix.dirname(current), header.linkTarget);
        continue;
      }
      if (header.type === 'directory') throw new EngineFieldError('path', `${current} is a folder`, 'invalid-argument');
      if (header.type !== 'file') return { kind: 'binary', path: current, size: header.size, message: `${current} is not a regular file.`, command };
      if (!data) return { kind: 'too-large', path: current, size: header.size, message: `${current} is ${header.size} bytes, more than the ${maxBytes}-byte limit for viewing: download it instead.`, command };
      const text = decodeText(data);
      if (text === null) return { kind: 'binary', path: current, size: header.size, message: `${current} looks binary (not UTF-8 text): download it instead.`, command };
      return { kind: 'text', path: current, size: header.size, text, command };
    }
    throw new EngineFieldError('path', `${p}: too many levels of symbolic links`, 'invalid-argument');
  });
}

export function downloadsDir(dataDir: string): string {
  return path.join(dataDir, 'downloads');
}

/** `etc.tar` for /etc; the volume's name for a volume's root. */
export function archiveName(target: FileTarget, p: string): string {
  return `${path.posix.basename(p) || (target.kind === 'volume' ? target.name : 'root')}.tar`;
}

/**
 * Opens the raw tar of a path. `done` removes a volume's helper: call it once the stream has
 * been read or given up (it is also called by itself when the stream closes).
 */
export async function openArchive(docker: Docker, target: FileTarget, p: string): Promise<{ stream: Readable; command: string; done(): Promise<void> }> {
  const o = await open(docker, target);
  let closed: Promise<void> | null = null;
  const done = () => (closed ??= o.close());
  try {
    const stream = (await o.container.getArchive({ path: o.resolve(p) }).catch(notFound(p))) as Readable;
    stream.once('close', () => void done());
    return { stream, command: o.cp(p, `- > ${shellQuote(archiveName(target, p))}`), done };
  } catch (err) {
    await done();
    throw err;
  }
}

/** `docker cp TARGET:PATH - > FILE.tar` into a new file (never replacing one), streamed as it comes. */
export async function saveArchive(docker: Docker, target: FileTarget, p: string, file: string): Promise<{ path: string; bytes: number; command: string }> {
  const resolved = validateSavePath(file);
  const a = await openArchive(docker, target, p);
  try {
    let fd: number;
    try {
      fd = createExclusive(resolved);
    } catch (err) {
      a.stream.destroy();
      throw err;
    }
    let bytes = 0;
    a.stream.on('data', (c: Buffer) => {
      bytes += c.length;
    });
    try {
      await pipeline(a.stream, fs.createWriteStream('', { fd }));
    } catch (err) {
      // The file is ours (created just now): do not leave half of it behind.
      fs.rmSync(resolved, { force: true });
      throw err;
    }
    return { path: resolved, bytes, command: a.command.replace(/> \S+$/, `> ${shellQuote(resolved)}`) };
  } finally {
    await a.done();
  }
}

/** A new file name in the app's downloads folder (headless default: no dialog, no browser). */
export function newDownloadFile(dataDir: string, name: string): string {
  const dir = downloadsDir(dataDir);
  fs.mkdirSync(dir, { recursive: true });
  const ext = path.extname(name);
  const stem = name.slice(0, name.length - ext.length);
  for (let i = 0; ; i++) {
    const f = path.join(dir, i ? `${stem}-${i}${ext}` : name);
    if (!fs.existsSync(f)) return f;
  }
}

/** `docker cp FILE CONTAINER:FOLDER`: one file into an existing folder of a container. */
export async function uploadFile(docker: Docker, target: FileTarget, folder: string, name: string, content: Buffer): Promise<{ path: string; bytes: number; command: string }> {
  if (target.kind !== 'container') throw new EngineFieldError('target', 'Uploading goes into a container; to fill a volume, upload into a container that mounts it.', 'invalid-argument');
  const info = await docker.getContainer(target.id).inspect();
  const tarball = await singleFileTar(name, content);
  await docker
    .getContainer(info.Id)
    .putArchive(tarball, { path: folder })
    .catch((err: { statusCode?: number }) => {
      if (err.statusCode === 404) throw new EngineFieldError('folder', `No such folder in ${info.Name.replace(/^\//, '')}: ${folder}`, 'not-found', 404);
      throw err;
    });
  return { path: path.posix.join(folder, name), bytes: content.length, command: dockerCommand('cp', name, `${info.Name.replace(/^\//, '')}:${folder}`) };
}
