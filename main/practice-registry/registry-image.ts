/**
 * The image the practice registry runs. Docker Hub's `registry:2` is the usual choice, but a
 * learner may be offline (and tests must never need a registry to get a registry), so when the
 * host has Debian's `docker-registry` binary (distribution 2.8, the same program as registry:2)
 * Dockside packs it into a small local image with `docker import`: the binary, the libraries
 * `ldd` lists, and a config file. Otherwise it pulls `registry:2`.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type Docker from 'dockerode';
import tar from 'tar-fs';
import { dockerCommand } from '../engine/docker-command';

const run = promisify(execFile);

/** The locally built image (from the host's docker-registry binary). */
export const LOCAL_REGISTRY_IMAGE = 'dockside-practice-registry:2.8';
/** Docker Hub's registry, when no host binary is there to build from. */
export const HUB_REGISTRY_IMAGE = 'registry:2';
export const REGISTRY_IMAGE_LABEL = 'dev.dockside.practice-registry-image';

export type ImageSource = 'present' | 'built-from-host' | 'pulled';

/** The same configuration registry:2 ships with; auth and delete are switched on by environment variables. */
const CONFIG = `version: 0.1
log:
  fields:
    service: registry
storage:
  filesystem:
    rootdirectory: /var/lib/registry
http:
  addr: :5000
`;

/** Where the host's docker-registry binary is, if any (Debian/Ubuntu: the docker-registry package). */
export function hostRegistryBinary(): string | null {
  if (process.platform !== 'linux') return null;
  const dirs = [...(process.env.PATH ?? '').split(':'), '/usr/bin', '/usr/local/bin'];
  for (const d of dirs) {
    const p = d && path.join(d, 'docker-registry');
    if (p && fs.existsSync(p)) return p;
  }
  return null;
}

async function exists(docker: Docker, ref: string): Promise<boolean> {
  try {
    await docker.getImage(ref).inspect();
    return true;
  } catch {
    return false;
  }
}

/** The shared libraries a dynamically linked binary needs, as `ldd` lists them (none when static). */
async function libraries(binary: string): Promise<string[]> {
  try {
    const { stdout } = await run('ldd', [binary]);
    return [...stdout.matchAll(/(\/[^\s]+)\s+\(0x[0-9a-f]+\)/g)].map((m) => m[1]!).filter((p) => fs.existsSync(p));
  } catch {
    return []; // "not a dynamic executable"
  }
}

/** Writes the image's root folder: /bin/registry, its libraries, the config, empty data and auth folders. */
async function rootfs(binary: string): Promise<string> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'dockside-registry-rootfs-'));
  for (const d of ['bin', 'etc/docker/registry', 'var/lib/registry', 'auth', 'tmp']) fs.mkdirSync(path.join(root, d), { recursive: true });
  fs.chmodSync(path.join(root, 'tmp'), 0o1777);
  fs.copyFileSync(binary, path.join(root, 'bin/registry'));
  fs.chmodSync(path.join(root, 'bin/registry'), 0o755);
  for (const lib of await libraries(binary)) {
    const real = fs.realpathSync(lib);
    fs.mkdirSync(path.join(root, path.dirname(lib)), { recursive: true });
    fs.copyFileSync(real, path.join(root, lib));
  }
  fs.writeFileSync(path.join(root, 'etc/docker/registry/config.yml'), CONFIG);
  fs.writeFileSync(path.join(root, 'etc/passwd'), 'root:x:0:0:root:/root:/bin/false\n');
  return root;
}

async function follow(docker: Docker, stream: NodeJS.ReadableStream): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    docker.modem.followProgress(stream, (err: Error | null, res: { error?: string }[]) => {
      const failed = res?.find((r) => r.error);
      if (err || failed) reject(err ?? new Error(failed!.error));
      else resolve();
    });
  });
}

/** Builds LOCAL_REGISTRY_IMAGE from a docker-registry binary (extra labels: tests mark it as their fixture). */
export async function buildLocalRegistryImage(docker: Docker, binary: string, labels: Record<string, string> = {}): Promise<void> {
  const root = await rootfs(binary);
  try {
    const at = LOCAL_REGISTRY_IMAGE.lastIndexOf(':');
    const changes = [
      'ENV PATH=/bin',
      'EXPOSE 5000',
      'ENTRYPOINT ["/bin/registry"]',
      'CMD ["serve","/etc/docker/registry/config.yml"]',
      `LABEL ${REGISTRY_IMAGE_LABEL}=1`,
      ...Object.entries(labels).map(([k, v]) => `LABEL ${k}=${JSON.stringify(v)}`),
    ];
    const out = await docker.importImage(tar.pack(root) as unknown as NodeJS.ReadableStream, {
      repo: LOCAL_REGISTRY_IMAGE.slice(0, at),
      tag: LOCAL_REGISTRY_IMAGE.slice(at + 1),
      changes,
    } as unknown as Record<string, unknown>);
    await follow(docker, out as NodeJS.ReadableStream);
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

/**
 * Makes sure a registry image is there: the local one if present or buildable from the host's
 * binary, else registry:2 (pulled if missing). Says which, and the command that did it.
 */
export async function ensureRegistryImage(docker: Docker): Promise<{ image: string; source: ImageSource; command?: string }> {
  if (await exists(docker, LOCAL_REGISTRY_IMAGE)) return { image: LOCAL_REGISTRY_IMAGE, source: 'present' };
  const binary = hostRegistryBinary();
  if (binary) {
    await buildLocalRegistryImage(docker, binary);
    return { image: LOCAL_REGISTRY_IMAGE, source: 'built-from-host', command: `tar -C ROOTFS -c . | ${dockerCommand('import', '-', LOCAL_REGISTRY_IMAGE)}` };
  }
  if (await exists(docker, HUB_REGISTRY_IMAGE)) return { image: HUB_REGISTRY_IMAGE, source: 'present' };
  await follow(docker, (await docker.pull(HUB_REGISTRY_IMAGE)) as NodeJS.ReadableStream);
  return { image: HUB_REGISTRY_IMAGE, source: 'pulled', command: dockerCommand('pull', HUB_REGISTRY_IMAGE) };
}
