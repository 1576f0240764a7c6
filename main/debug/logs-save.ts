/**
 * Saves a container's whole log to a file by streaming the engine's answer through the demuxer
 * straight to disk: a million lines never sit in memory at once.
 */
import fs from 'node:fs';
import path from 'node:path';
import type Docker from 'dockerode';
import { dockerCommand } from '../engine/docker-command';
import { FieldError } from '../engine/errors';
import { LogDemuxer } from './log-demux';
import { dialLogs } from './log-stream';

export interface SavedLog {
  path: string;
  bytes: number;
  lines: number;
  command: string;
}

/** Checks a user-chosen path: absolute, in an existing folder, not a folder itself. */
export function validateSavePath(p: string): string {
  if (!path.isAbsolute(p)) throw new FieldError('path', `"${p}" is not an absolute path`);
  const resolved = path.resolve(p);
  const dir = path.dirname(resolved);
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) throw new FieldError('path', `The folder "${dir}" does not exist`);
  if (fs.existsSync(resolved) && fs.statSync(resolved).isDirectory()) throw new FieldError('path', `"${resolved}" is a folder, not a file`);
  return resolved;
}

export async function saveLogs(docker: Docker, id: string, dataDir: string, opts: { path?: string; timestamps: boolean }): Promise<SavedLog> {
  const info = await docker.getContainer(id).inspect();
  const name = info.Name.replace(/^\//, '');
  let target: string;
  if (opts.path) target = validateSavePath(opts.path);
  else {
    const dir = path.join(dataDir, 'logs');
    fs.mkdirSync(dir, { recursive: true });
    target = path.join(dir, `${name}-${new Date().toISOString().replace(/[:.]/g, '-')}.log`);
  }
  const stream = await dialLogs(docker, info.Id, { follow: false, stdout: true, stderr: true, timestamps: opts.timestamps });
  const demux = new LogDemuxer(info.Config.Tty, false);
  const out = fs.createWriteStream(target);
  let lines = 0;
  let bytes = 0;
  const write = (list: { text: string; ts?: string }[]): Promise<void> | null => {
    if (list.length === 0) return null;
    lines += list.length;
    const text = list.map((l) => l.text).join('\n') + '\n';
    bytes += Buffer.byteLength(text);
    // Respect the disk: pause the engine stream while the file's buffer is full.
    return out.write(text) ? null : new Promise((r) => out.once('drain', r));
  };
  await new Promise<void>((resolve, reject) => {
    stream.on('data', (chunk: Buffer) => {
      const wait = write(demux.push(chunk));
      if (wait) {
        stream.pause();
        void wait.then(() => stream.resume());
      }
    });
    stream.on('error', reject);
    out.on('error', (err) => {
      stream.destroy();
      reject(err);
    });
    stream.on('end', () => {
      write(demux.flush());
      out.end(() => resolve());
    });
  });
  return { path: target, bytes, lines, command: `${dockerCommand('logs', opts.timestamps ? '--timestamps' : null, name)} > ${target}` };
}
