/**
 * Builds the fixture images from the machine's own files with `docker import`, since tests may
 * not reach any registry: a root folder with busybox-static and its applet links is a complete
 * little web server image.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type Docker from 'dockerode';
import tar from 'tar-fs';
import { FIXTURE_LABEL } from '../support/labels';

export const BUSYBOX_APPLETS = [
  'sh', 'ash', 'ls', 'cat', 'echo', 'httpd', 'wget', 'ip', 'ifconfig', 'netstat', 'ps', 'top', 'sleep', 'mkdir', 'rm', 'cp', 'mv',
  'touch', 'env', 'id', 'whoami', 'hostname', 'uname', 'head', 'tail', 'grep', 'sed', 'awk', 'seq', 'yes', 'dd', 'nc', 'ping', 'date',
  'true', 'false', 'test', 'printf', 'kill', 'df', 'du', 'free', 'vi', 'find', 'xargs', 'wc', 'sort', 'uniq', 'tr', 'cut', 'chmod',
  'chown', 'ln', 'pwd', 'stat', 'nslookup', 'timeout', 'md5sum', 'sha256sum', 'tee', 'basename', 'dirname',
];

export function findBusybox(): string {
  for (const p of ['/bin/busybox', '/usr/bin/busybox']) {
    if (fs.existsSync(p)) return p;
  }
  throw new Error('busybox-static is needed to build the test images: `sudo apt-get install busybox-static`.');
}

export async function imageExists(docker: Docker, ref: string): Promise<boolean> {
  try {
    await docker.getImage(ref).inspect();
    return true;
  } catch {
    return false;
  }
}

/** Imports a root folder as an image with the given Dockerfile-style changes. */
export async function importRootfs(docker: Docker, rootfs: string, ref: string, changes: string[]): Promise<void> {
  const [repo, tag] = splitRef(ref);
  const stream = tar.pack(rootfs);
  const out = await docker.importImage(stream as unknown as NodeJS.ReadableStream, {
    repo,
    tag,
    changes: [...changes, `LABEL ${FIXTURE_LABEL}=1`],
  } as unknown as Record<string, unknown>);
  await new Promise<void>((resolve, reject) => {
    docker.modem.followProgress(out as NodeJS.ReadableStream, (err: Error | null, res: { error?: string }[]) => {
      const failed = res?.find((r) => r.error);
      if (err || failed) reject(err ?? new Error(failed!.error));
      else resolve();
    });
  });
}

function splitRef(ref: string): [string, string] {
  const i = ref.lastIndexOf(':');
  return i > ref.lastIndexOf('/') ? [ref.slice(0, i), ref.slice(i + 1)] : [ref, 'latest'];
}

/** Writes a busybox root folder; `extra` adds files (path -> content). */
export function busyboxRootfs(extra: Record<string, string> = {}): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'dockside-rootfs-'));
  for (const d of ['bin', 'tmp', 'var/www', 'etc', 'root', 'proc', 'sys', 'dev']) fs.mkdirSync(path.join(root, d), { recursive: true });
  fs.chmodSync(path.join(root, 'tmp'), 0o1777);
  fs.copyFileSync(findBusybox(), path.join(root, 'bin/busybox'));
  fs.chmodSync(path.join(root, 'bin/busybox'), 0o755);
  for (const a of BUSYBOX_APPLETS) fs.symlinkSync('busybox', path.join(root, 'bin', a));
  fs.writeFileSync(path.join(root, 'etc/passwd'), 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/:/bin/false\n');
  fs.writeFileSync(path.join(root, 'etc/group'), 'root:x:0:\nnogroup:x:65534:\n');
  for (const [file, content] of Object.entries(extra)) {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), content);
  }
  return root;
}

export async function ensureWebImage(docker: Docker, ref: string): Promise<boolean> {
  if (await imageExists(docker, ref)) return false;
  const root = busyboxRootfs({ 'var/www/index.html': '<h1>Hello from the Dockside test web server</h1>\n' });
  try {
    await importRootfs(docker, root, ref, [
      'ENV PATH=/bin',
      'WORKDIR /',
      'EXPOSE 80',
      'CMD ["/bin/httpd","-f","-p","80","-h","/var/www"]',
    ]);
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
  return true;
}
