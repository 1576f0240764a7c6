/**
 * A small Compose project for tests, started with the compose CLI installed here (Debian's
 * docker-compose v1, or a v2 plugin). Every container and the project's network carry this run's
 * label, so cleanupRun() removes them even when a test fails half-way.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { WEB_IMAGE } from './fixtures';
import { RUN_ID, TEST_LABEL } from './labels';

const exec = promisify(execFile);

export interface ComposeProject {
  project: string;
  dir: string;
  file: string;
  /** Runs the installed compose CLI in the project's folder. */
  compose(...args: string[]): Promise<string>;
  /** `down` (containers and network), then the folder. */
  dispose(): Promise<void>;
}

export async function composeCli(): Promise<string[] | null> {
  for (const argv of [['docker', 'compose'], ['docker-compose']]) {
    try {
      await exec(argv[0]!, [...argv.slice(1), 'version'], { timeout: 10_000 });
      return argv;
    } catch {
      /* try the next one */
    }
  }
  return null;
}

/**
 * Two services that print a line a second and exit at once on SIGTERM (the trap), so a stop
 * does not wait for the engine's 10 s grace period.
 */
export function composeYaml(services: string[]): string {
  const lines = ["version: '2.4'", 'services:'];
  for (const s of services) {
    lines.push(
      `  ${s}:`,
      `    image: ${WEB_IMAGE}`,
      `    command: ["sh", "-c", "trap 'exit 0' TERM; while true; do echo ${s} tick; sleep 1; done"]`,
      '    labels:',
      `      ${TEST_LABEL}: ${RUN_ID}`,
    );
  }
  lines.push('networks:', '  default:', '    labels:', `      ${TEST_LABEL}: ${RUN_ID}`);
  return lines.join('\n') + '\n';
}

export async function startComposeProject(project: string, services = ['web', 'worker']): Promise<ComposeProject> {
  const argv = await composeCli();
  if (!argv) throw new Error('no compose CLI installed (docker compose or docker-compose)');
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'dockside-compose-'));
  const file = path.join(dir, 'docker-compose.yml');
  await fs.writeFile(file, composeYaml(services));
  const compose = async (...args: string[]) => {
    const { stdout, stderr } = await exec(argv[0]!, [...argv.slice(1), '-p', project, ...args], { cwd: dir, timeout: 120_000 });
    return stdout + stderr;
  };
  await compose('up', '-d');
  return {
    project,
    dir,
    file,
    compose,
    async dispose() {
      await compose('down').catch(() => undefined);
      await fs.rm(dir, { recursive: true, force: true });
    },
  };
}
