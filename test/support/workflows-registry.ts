/**
 * A throwaway local registry (Debian's docker-registry) on a random free port of 127.0.0.1, for
 * the workflows pull tests. The test that starts it stops it (kills the process it spawned).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { waitFor } from './engine';
import { freePort } from '../../main/engine/free-port';
export { freePort } from '../../main/engine/free-port';

export interface LocalRegistry {
  host: string;
  stop(): Promise<void>;
}


export async function startLocalRegistry(): Promise<LocalRegistry> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dockside-wf-registry-'));
  const port = await freePort();
  const config = path.join(dir, 'config.yml');
  fs.writeFileSync(
    config,
    ['version: 0.1', 'log:', '  level: error', 'storage:', '  filesystem:', `    rootdirectory: ${dir}/data`, '  delete:', '    enabled: true', 'http:', `  addr: 127.0.0.1:${port}`, ''].join('\n'),
  );
  const child: ChildProcess = spawn('docker-registry', ['serve', config], { stdio: 'ignore' });
  const host = `127.0.0.1:${port}`;
  await waitFor(async () => (await fetch(`http://${host}/v2/`)).ok, `registry on ${host}`, 15_000);
  return {
    host,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 3000))]);
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
