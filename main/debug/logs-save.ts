/**
 * Saves a container's whole log by streaming the engine's answer through the demuxer straight to
 * its destination (a file, or browser mode's download response): a million lines never sit in
 * memory at once.
 *
 * A file is created exclusively (O_CREAT|O_EXCL|O_NOFOLLOW): an existing file is never replaced
 * and a symlink (even a dangling one) is never followed, so a crafted name cannot write through
 * `~/.ssh/authorized_keys` or `/etc/cron.d`. Where the file goes is chosen by the user in the
 * desktop app's native dialog, never by the renderer.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Transform, type Readable, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type Docker from 'dockerode';
import { dockerCommand, shellQuote } from '../engine/docker-command';
import { FieldError } from '../engine/errors';
import { LogDemuxer } from './log-demux';
import { dialLogs } from './log-stream';

export interface SavedLog {
  path: string;
  bytes: number;
  lines: number;
  command: string;
}

/** The demultiplexed log as text, counting lines and bytes as they pass. */
class LogText extends Transform {
  lines = 0;
  bytes = 0;
  constructor(private readonly demux: LogDemuxer) {
    super();
  }
  private out(list: { text: string }[]): string | undefined {
    if (list.length === 0) return undefined;
    this.lines += list.length;
    const text = list.map((l) => l.text).join('\n') + '\n';
    this.bytes += Buffer.byteLength(text);
    return text;
  }
  override _transform(chunk: Buffer, _enc: BufferEncoding, cb: TransformCallback): void {
    cb(null, this.out(this.demux.push(chunk)));
  }
  override _flush(cb: TransformCallback): void {
    cb(null, this.out(this.demux.flush()));
  }
}

export interface LogSource {
  /** The container's name, for file names and the command. */
  name: string;
  /** The log as text (the engine connection closes when it is destroyed). */
  body: Readable & { lines: number; bytes: number };
  /** `docker logs [--timestamps] NAME`, quoted. */
  command: string;
}

export async function openLogText(docker: Docker, id: string, timestamps: boolean): Promise<LogSource> {
  const info = await docker.getContainer(id).inspect();
  const name = info.Name.replace(/^\//, '');
  const stream = await dialLogs(docker, info.Id, { follow: false, stdout: true, stderr: true, timestamps });
  const text = new LogText(new LogDemuxer(info.Config.Tty, false));
  // Either side closing closes the other: a cancelled download closes the engine stream.
  stream.on('error', (err) => text.destroy(err));
  text.on('close', () => stream.destroy());
  stream.pipe(text);
  return { name, body: text, command: dockerCommand('logs', timestamps ? '--timestamps' : null, name) };
}

/** Checks a save path: absolute, in an existing folder. Existence of the file itself is checked by the exclusive create. */
export function validateSavePath(p: string): string {
  if (typeof p !== 'string' || !path.isAbsolute(p)) throw new FieldError('path', `"${p}" is not an absolute path`);
  if (p.includes('\0')) throw new FieldError('path', 'The path holds a NUL byte');
  const resolved = path.resolve(p);
  const dir = path.dirname(resolved);
  let st: fs.Stats;
  try {
    st = fs.statSync(dir);
  } catch {
    throw new FieldError('path', `The folder "${dir}" does not exist`);
  }
  if (!st.isDirectory()) throw new FieldError('path', `"${dir}" is not a folder`);
  return resolved;
}

/** Opens a new file for writing; refuses an existing file, a symlink or a folder, naming the problem. */
export function createExclusive(target: string): number {
  try {
    return fs.openSync(target, fs.constants.O_WRONLY | fs.constants.O_CREAT | fs.constants.O_EXCL | (fs.constants.O_NOFOLLOW ?? 0), 0o644);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw new FieldError('path', `"${target}" already exists (or is a link): Dockside never replaces a file. Choose a new name.`);
    if (code === 'ELOOP') throw new FieldError('path', `"${target}" is a symbolic link: Dockside does not write through links.`);
    if (code === 'EISDIR') throw new FieldError('path', `"${target}" is a folder, not a file`);
    if (code === 'EACCES' || code === 'EPERM') throw new FieldError('path', `No permission to create "${target}"`);
    throw new FieldError('path', `Cannot create "${target}": ${(err as Error).message}`);
  }
}

/** Writes the whole log to a new file at `target` (absolute). */
export async function saveLogsToFile(docker: Docker, id: string, target: string, timestamps: boolean): Promise<SavedLog> {
  const file = validateSavePath(target);
  const source = await openLogText(docker, id, timestamps);
  let fd: number;
  try {
    fd = createExclusive(file);
  } catch (err) {
    source.body.destroy();
    throw err;
  }
  try {
    await pipeline(source.body, fs.createWriteStream('', { fd }));
  } catch (err) {
    // The file is ours (created just now): do not leave half of it behind.
    fs.rmSync(file, { force: true });
    throw err;
  }
  return { path: file, bytes: source.body.bytes, lines: source.body.lines, command: `${source.command} > ${shellQuote(file)}` };
}

/** A new file name for a container's log, e.g. `web-2026-11-28T17-30-00-000Z.log`. */
export function logFileName(name: string): string {
  return `${name}-${new Date().toISOString().replace(/[:.]/g, '-')}.log`;
}

/** Headless default (no dialog, no browser): a new file in the app's data folder. */
export async function saveLogsToDataDir(docker: Docker, id: string, dataDir: string, timestamps: boolean): Promise<SavedLog> {
  const info = await docker.getContainer(id).inspect();
  const dir = path.join(dataDir, 'logs');
  fs.mkdirSync(dir, { recursive: true });
  return saveLogsToFile(docker, info.Id, path.join(dir, logFileName(info.Name.replace(/^\//, ''))), timestamps);
}
