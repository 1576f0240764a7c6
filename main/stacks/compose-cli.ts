/**
 * The compose CLI on this machine (`docker compose` v2, else `docker-compose` v1), run with a
 * project's own files and folder for `up -d` and `down`. Arguments go to the program as a list
 * (no shell), and the files come from the engine's labels, never from the renderer.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import type { ComposeCli } from '../contract';
import { shellQuote } from '../engine/docker-command';
import type { Endpoint } from '../engine/endpoint';
import type { StackInfo } from './compose-labels';

export interface FoundCompose extends ComposeCli {
  /** Program and leading arguments: ["docker", "compose"] or ["docker-compose"]. */
  argv: string[];
}

/** Output kept from one compose run: the end matters most (the error is last). */
const MAX_OUTPUT = 64 * 1024;
const RUN_TIMEOUT_MS = 5 * 60_000;

let found: Promise<FoundCompose | null> | null = null;

/** Looks for the compose CLI once per process (a v2 plugin first, as the docker docs do). */
export function findComposeCli(): Promise<FoundCompose | null> {
  found ??= (async () => {
    const v2 = await run(['docker', 'compose', 'version', '--short'], {}, undefined, 10_000);
    if (v2.exitCode === 0) return { name: 'docker compose', version: v2.output.trim(), argv: ['docker', 'compose'] } as const;
    const v1 = await run(['docker-compose', 'version', '--short'], {}, undefined, 10_000);
    if (v1.exitCode === 0) return { name: 'docker-compose', version: v1.output.trim(), argv: ['docker-compose'] } as const;
    return null;
  })();
  return found;
}

/** `-p NAME -f FILE... --project-directory DIR up -d` (or `down`). */
export function composeArgs(info: StackInfo, action: 'up' | 'down'): string[] {
  const files = info.configFiles.flatMap((f) => ['-f', f]);
  const dir = info.workingDir ? ['--project-directory', info.workingDir] : [];
  return ['-p', info.project, ...files, ...dir, ...(action === 'up' ? ['up', '-d'] : ['down'])];
}

/** The line a user would type, quoted for a POSIX shell. */
export function composeCommandLine(cli: Pick<ComposeCli, 'name'>, args: string[]): string {
  return [...cli.name.split(' '), ...args].map(shellQuote).join(' ');
}

/** Points the CLI at the engine Dockside is connected to, not at whatever its own config says. */
export function composeEnv(endpoint: Endpoint | null): Record<string, string> {
  if (!endpoint) return {};
  const env: Record<string, string> = { DOCKER_HOST: endpoint.url };
  if (endpoint.tls) {
    env.DOCKER_CERT_PATH = path.dirname(endpoint.tls.caPath);
    env.DOCKER_TLS_VERIFY = endpoint.tls.verify ? '1' : '';
  }
  return env;
}

export async function runCompose(
  cli: FoundCompose,
  args: string[],
  endpoint: Endpoint | null,
  cwd: string | undefined,
): Promise<{ exitCode: number | null; output: string }> {
  return run([...cli.argv, ...args], composeEnv(endpoint), cwd, RUN_TIMEOUT_MS);
}

function run(argv: string[], env: Record<string, string>, cwd: string | undefined, timeoutMs: number): Promise<{ exitCode: number | null; output: string }> {
  return new Promise((resolve) => {
    const [file, ...args] = argv;
    let output = '';
    const take = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      if (output.length > MAX_OUTPUT) output = output.slice(-MAX_OUTPUT);
    };
    const { DOCKER_CONTEXT: _ctx, ...inherited } = process.env;
    let child;
    try {
      child = spawn(file!, args, { cwd, env: { ...inherited, ...env }, stdio: ['ignore', 'pipe', 'pipe'], timeout: timeoutMs });
    } catch (err) {
      resolve({ exitCode: null, output: (err as Error).message });
      return;
    }
    child.stdout.on('data', take);
    child.stderr.on('data', take);
    child.on('error', (err) => resolve({ exitCode: null, output: `${output}${err.message}` }));
    child.on('close', (code) => resolve({ exitCode: code, output }));
  });
}
