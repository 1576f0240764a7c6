/**
 * `npm run test:prepare`: makes this machine ready for the suite, then gets out of the way.
 * - Uses the engine that answers (found the way the app finds it). Only when none answers, and
 *   only on Debian/Ubuntu as root (CI, a fresh VM), installs docker.io and starts dockerd; on a
 *   developer's laptop it never starts a second engine.
 * - Installs Chromium and busybox-static the same way when missing.
 * - Builds the fixture images locally (no registry involved).
 */
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import { createDockerClient } from '../../main/engine/docker-client';
import { resolveEndpoint } from '../../main/engine/endpoint';
import { processEndpointEnv } from '../../main/engine/engine-manager';
import { WEB_IMAGE } from '../support/fixtures';
import { ensureWebImage } from './images';
import { extraPreparations } from './prepare-extras';

const canInstall = process.getuid?.() === 0 && fs.existsSync('/etc/debian_version');
let aptUpdated = false;

function apt(packages: string[]): void {
  if (!canInstall) {
    throw new Error(`Missing ${packages.join(', ')}; install them (on Debian/Ubuntu: sudo apt-get install ${packages.join(' ')}).`);
  }
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  if (!aptUpdated) {
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
    aptUpdated = true;
  }
  console.log(`prepare: installing ${packages.join(' ')}`);
  execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...packages], { stdio: 'inherit', env });
}

async function engineAnswers(): Promise<boolean> {
  try {
    const docker = createDockerClient(resolveEndpoint(processEndpointEnv()));
    await Promise.race([docker.ping(), new Promise((_, r) => setTimeout(() => r(new Error('timeout')), 3000))]);
    return true;
  } catch {
    return false;
  }
}

async function ensureEngine(): Promise<void> {
  if (await engineAnswers()) return;
  if (!canInstall) {
    throw new Error('No Docker engine answers. Start yours (Docker Desktop, `sudo systemctl start docker`, Podman...) and run the tests again.');
  }
  if (!fs.existsSync('/usr/sbin/dockerd') && !fs.existsSync('/usr/bin/dockerd')) apt(['docker.io']);
  console.log('prepare: no engine answers; starting dockerd (log: /var/log/dockside-dockerd.log)');
  const log = fs.openSync('/var/log/dockside-dockerd.log', 'a');
  const child = spawn('dockerd', [], { detached: true, stdio: ['ignore', log, log] });
  child.unref();
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (await engineAnswers()) return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error('dockerd did not answer within 60 s; see /var/log/dockside-dockerd.log');
}

async function main(): Promise<void> {
  const missing: string[] = [];
  if (!fs.existsSync('/bin/busybox') && !fs.existsSync('/usr/bin/busybox')) missing.push('busybox-static');
  if (!fs.existsSync(process.env.CHROMIUM_PATH ?? '/usr/bin/chromium')) missing.push('chromium');
  if (missing.length) apt(missing);
  await ensureEngine();
  const docker = createDockerClient(resolveEndpoint(processEndpointEnv()));
  const v = await docker.version();
  console.log(`prepare: engine ${v.Version} (API ${v.ApiVersion}) answers`);
  if (await ensureWebImage(docker, WEB_IMAGE)) console.log(`prepare: built ${WEB_IMAGE}`);
  for (const step of extraPreparations) await step({ docker, apt, canInstall });
}

main().catch((err: Error) => {
  console.error(`prepare: ${err.message}`);
  process.exit(1);
});
