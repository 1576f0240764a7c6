/**
 * Images for the cluster tests: two versions of a tiny web server that say which version they
 * are, and a broken one whose command exits at once. Labelled with this run's id, so cleanupRun
 * removes them (and their tags) with everything else the run made.
 */
import fs from 'node:fs';
import type Docker from 'dockerode';
import { busyboxRootfs, importRootfs } from '../setup/images';
import { RUN_ID, TEST_LABEL } from './labels';
import { randomBytes } from 'node:crypto';

export interface ClusterImages {
  repo: string;
  v1: string;
  v2: string;
  broken: string;
}

export async function buildClusterImages(docker: Docker): Promise<ClusterImages> {
  const repo = `dockside-test-cluster-${randomBytes(3).toString('hex')}`;
  const web = async (tag: string, text: string) => {
    const root = busyboxRootfs({ 'var/www/index.html': `${text}\n` });
    try {
      await importRootfs(docker, root, `${repo}:${tag}`, [
        'ENV PATH=/bin',
        'EXPOSE 80',
        // A well-behaved server: it stops at once on SIGTERM (httpd as PID 1 would ignore it and
        // make every task stop wait the 10 s grace period).
        'CMD ["/bin/sh","-c","trap \'exit 0\' TERM; httpd -f -p 80 -h /var/www & wait"]',
        `LABEL ${TEST_LABEL}=${RUN_ID}`,
      ]);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  };
  await web('1.0.0', 'cluster test version 1');
  await web('2.0.0', 'cluster test version 2');
  const root = busyboxRootfs();
  try {
    await importRootfs(docker, root, `${repo}:broken`, ['ENV PATH=/bin', 'CMD ["/bin/sh","-c","echo this version fails at start >&2; exit 3"]', `LABEL ${TEST_LABEL}=${RUN_ID}`]);
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
  return { repo, v1: `${repo}:1.0.0`, v2: `${repo}:2.0.0`, broken: `${repo}:broken` };
}

/** True when the engine is already part of a swarm the suite did not start: the tests leave it alone. */
export async function engineInSwarm(docker: Docker): Promise<string | null> {
  const info = (await docker.info()) as { Swarm?: { LocalNodeState?: string } };
  const state = info.Swarm?.LocalNodeState ?? 'inactive';
  return state === 'inactive' ? null : state;
}
