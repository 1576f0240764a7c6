/**
 * Preparation steps of the "networks" feature (idempotent; touch only what they create).
 *
 * The load-balancer lab uses the `caddy` image, and Docker Hub is unreachable here, so we build
 * one from Debian's caddy package: the (dynamically linked) binary, every library `ldd` lists,
 * the loader, the CA bundle and a busybox (so `sh` and `wget` exist inside), then `docker import`.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { busyboxRootfs, imageExists, importRootfs } from './images';
import type { PrepareContext } from './prepare-extras';

export const CADDY_TEST_IMAGE = 'dockside-test/caddy:latest';
const CADDY_BIN = '/usr/bin/caddy';

/** Absolute paths of the shared libraries (and loader) `ldd` reports for a binary. */
export function lddPaths(binary: string): string[] {
  const out = execFileSync('ldd', [binary], { encoding: 'utf8' });
  const paths = new Set<string>();
  for (const line of out.split('\n')) {
    const m = /=>\s*(\/\S+)/.exec(line) ?? /^\s*(\/\S+)\s+\(/.exec(line);
    if (m) paths.add(m[1]!);
  }
  return [...paths];
}

function copyInto(root: string, file: string): void {
  const dest = path.join(root, file);
  fs.mkdirSync(path.dirname(dest), { recursive: true });
  // Follow symlinks: the image gets the real file under the name the loader looks for.
  fs.copyFileSync(fs.realpathSync(file), dest);
  fs.chmodSync(dest, fs.statSync(fs.realpathSync(file)).mode & 0o777);
}

const DEFAULT_CADDYFILE = ':80 {\n\trespond "Dockside test Caddy"\n}\n';

async function ensureCaddyImage(ctx: PrepareContext): Promise<void> {
  const { docker } = ctx;
  if (!(await imageExists(docker, CADDY_TEST_IMAGE))) {
    if (!fs.existsSync(CADDY_BIN)) ctx.apt(['caddy']);
    const root = busyboxRootfs({ 'etc/caddy/Caddyfile': DEFAULT_CADDYFILE, 'srv/index.html': 'Dockside test Caddy\n' });
    try {
      copyInto(root, CADDY_BIN);
      for (const lib of lddPaths(CADDY_BIN)) copyInto(root, lib);
      copyInto(root, '/etc/ssl/certs/ca-certificates.crt');
      for (const d of ['data', 'config']) {
        fs.mkdirSync(path.join(root, d), { recursive: true });
        fs.chmodSync(path.join(root, d), 0o777);
      }
      await importRootfs(docker, root, CADDY_TEST_IMAGE, [
        'ENV PATH=/usr/bin:/bin',
        'ENV XDG_DATA_HOME=/data',
        'ENV XDG_CONFIG_HOME=/config',
        'WORKDIR /srv',
        'EXPOSE 80',
        'CMD ["/usr/bin/caddy","run","--config","/etc/caddy/Caddyfile","--adapter","caddyfile"]',
      ]);
      console.log(`prepare: built ${CADDY_TEST_IMAGE}`);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  }
  // No `caddy:latest` tag is made: it would stay in the developer's engine and pass for the real
  // Caddy image. The tests name CADDY_TEST_IMAGE wherever they start a lab.
}

export const networksPreparations: ((ctx: PrepareContext) => Promise<void>)[] = [ensureCaddyImage];
