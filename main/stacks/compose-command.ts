/**
 * The compose command lines Dockside shows and runs, pure (the renderer previews them before a
 * confirmation; main runs the same arguments).
 */
import { dockerCommand, shellQuote } from '../engine/docker-command';
import type { StackInfo } from './compose-labels';

export type StackAction = 'start' | 'stop' | 'restart' | 'remove';

/** `-p NAME -f FILE... --project-directory DIR up -d` (or `down`). */
export function composeArgs(info: StackInfo, action: 'up' | 'down'): string[] {
  const files = info.configFiles.flatMap((f) => ['-f', f]);
  const dir = info.workingDir ? ['--project-directory', info.workingDir] : [];
  return ['-p', info.project, ...files, ...dir, ...(action === 'up' ? ['up', '-d'] : ['down'])];
}

/** The line a user would type, quoted for a POSIX shell. */
export function composeCommandLine(cli: { name: 'docker compose' | 'docker-compose' }, args: string[]): string {
  return [...cli.name.split(' '), ...args].map(shellQuote).join(' ');
}

/** The compose command for a stack action through the engine (v2 accepts a project name without files). */
export function stackCommand(project: string, action: StackAction): string {
  return action === 'remove' ? dockerCommand('compose', '-p', project, 'rm', '--stop', '--force') : dockerCommand('compose', '-p', project, action);
}

/** `docker compose -p NAME logs -f --tail N`: what the combined log view follows. */
export function stackLogsCommand(project: string, tail: number): string {
  return dockerCommand('compose', '-p', project, 'logs', '--follow', `--tail=${tail}`);
}
