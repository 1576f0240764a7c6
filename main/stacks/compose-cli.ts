/**
 * The compose CLI on this machine (`docker compose` v2, else `docker-compose` v1), run with a
 * project's own files and folder for `up -d` and `down`. Arguments go to the program as a list
 * (no shell), and the files come from the engine's labels, never from the renderer.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import type { ComposeCli } from '../contract';
import type { Endpoint } from '../engine/endpoint';
export { composeArgs, composeCommandLine } from './compose-command';

export interface FoundCompose extends ComposeCli {
  /** Program and leading arguments: ["docker", "compose"] or ["docker-compose"]. */
  argv: string[];
}

/** Output kept from one compose run: the end matters most (the error is last). */
const MAX_OUTPUT = 64 * 1024;
const RUN_TIMEOUT_MS = 5 * 60_000;

let found: Promise<FoundCompose | null> | null = null;

/**
 * Looks for the compose CLI (a v2 plugin first, as the docker docs do). A find is kept for the
 * process; a miss is not, so a CLI installed later (or one slow to answer on a busy machine) is
 * found on the next call.
 */
export function findComposeCli(): Promise<FoundCompose | null> {
  found ??= (async (): Promise<FoundCompose | null> => {
    const v2 = await run(['docker', 'compose', 'version', '--short'], {}, undefined, 30_000);
    if (v2.exitCode === 0) return { name: 'docker compose', version: v2.output.trim(), argv: ['docker', 'compose'] };
    const v1 = await run(['docker-compose', 'version', '--short'], {}, undefined, 30_000);
    if (v1.exitCode === 0) return { name: 'docker-compose', version: v1.output.trim(), argv: ['docker-compose'] };
    return null;
  })().then((cli) => {
    if (!cli) found = null;
    return cli;
  });
  return found;
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
