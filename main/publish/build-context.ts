/**
 * The build context: the folder whose files are sent to the engine. Like the docker CLI, it
 * honours `.dockerignore` (always keeping the Dockerfile and .dockerignore themselves), and it
 * is measured before anything is sent so a huge context is reported with its size, not sent.
 */
import fs from 'node:fs';
import path from 'node:path';
import ignore from '@balena/dockerignore';
import tar from 'tar-fs';
import type { Readable } from 'node:stream';
import type { ContextReport } from '../contract';
import { FieldError } from '../engine/errors';

export interface ContextScan extends ContextReport {
  /** Relative paths of the files to send. */
  entries: string[];
}

/** Checks a typed context folder and Dockerfile; throws a FieldError naming what is wrong. */
export function validateContext(contextPath: string, dockerfile: string): { dir: string; dockerfilePath: string } {
  const dir = path.resolve(contextPath);
  let st: fs.Stats;
  try {
    st = fs.statSync(dir);
  } catch {
    throw new FieldError('contextPath', `The folder ${dir} does not exist.`);
  }
  if (!st.isDirectory()) throw new FieldError('contextPath', `${dir} is not a folder.`);
  const dockerfilePath = path.resolve(dir, dockerfile);
  if (!dockerfilePath.startsWith(dir + path.sep)) throw new FieldError('dockerfile', `The Dockerfile must be inside the build context ${dir}.`);
  if (!fs.existsSync(dockerfilePath) || !fs.statSync(dockerfilePath).isFile()) {
    throw new FieldError('dockerfile', `There is no ${dockerfile} in ${dir}.`);
  }
  // A Dockerfile reached through a link (itself or a linked folder on its way) could lie outside
  // the context: its real place must be inside the context's real place.
  const realDir = fs.realpathSync(dir);
  if (!fs.realpathSync(dockerfilePath).startsWith(realDir + path.sep)) {
    throw new FieldError('dockerfile', `${dockerfile} is a link to a file outside the build context ${dir}; copy the file into the context instead.`);
  }
  return { dir, dockerfilePath };
}

/** Reads .dockerignore into a matcher (null when there is none). */
function readIgnore(dir: string): { ig: ReturnType<typeof ignore>; reincludes: boolean } | null {
  const file = path.join(dir, '.dockerignore');
  if (!fs.existsSync(file)) return null;
  const lines = fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
  return { ig: ignore().add(lines), reincludes: lines.some((l) => l.startsWith('!')) };
}

/** Walks the context once: the files kept after .dockerignore, their total size, what was left out. */
export function scanContext(contextPath: string, dockerfile: string): ContextScan {
  const { dir } = validateContext(contextPath, dockerfile);
  const rules = readIgnore(dir);
  const ig = rules?.ig ?? null;
  const always = new Set([path.normalize(dockerfile), '.dockerignore']);
  const entries: string[] = [];
  let sizeBytes = 0;
  let ignoredCount = 0;
  const walk = (rel: string): void => {
    const abs = path.join(dir, rel);
    for (const d of fs.readdirSync(abs, { withFileTypes: true })) {
      const childRel = rel ? `${rel}/${d.name}` : d.name;
      const ignored = ig !== null && !always.has(childRel) && ig.ignores(childRel);
      if (d.isDirectory()) {
        // An ignored folder is skipped whole (node_modules can hold 100k files), unless a "!" rule
        // may re-include something inside it: then it is walked file by file.
        if (ignored && !rules?.reincludes) ignoredCount++;
        else walk(childRel);
        continue;
      }
      if (ignored) {
        ignoredCount++;
        continue;
      }
      const st = fs.lstatSync(path.join(dir, childRel));
      if (!st.isFile() && !st.isSymbolicLink()) continue;
      entries.push(childRel);
      sizeBytes += st.isFile() ? st.size : 0;
    }
  };
  walk('');
  return { contextPath: dir, dockerfile, sizeBytes, fileCount: entries.length, ignoredCount, hasDockerignore: ig !== null, entries };
}

/**
 * The context as a tar stream holding exactly the scanned files. Symlinks go in as links (their
 * target path, never the content they point to), like the docker CLI: a link to ~/.ssh or /etc
 * inside the context never uploads anything from outside it.
 */
export function packContext(scan: ContextScan): Readable {
  return tar.pack(scan.contextPath, { entries: scan.entries, dereference: false }) as unknown as Readable;
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  const units = ['kB', 'MB', 'GB'];
  let v = n / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v.toFixed(1)} ${units[i]}`;
}
