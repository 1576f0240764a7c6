/**
 * Maps a `docker ...` command from a lesson to the Dockside view (and prefill) that does the same
 * thing, for the "Open in Dockside" button. Pure: shared by the renderer and the unit tests.
 */
import { parse } from 'shell-quote';
import type { LessonViewId } from './catalog';

export interface CommandTarget {
  view: LessonViewId;
  params: Record<string, unknown>;
  /** Button text, e.g. "Open the run dialog". */
  label: string;
}

/** Flags of `docker exec` that take a value, so the container is not mistaken for one. */
const EXEC_VALUE_FLAGS = new Set(['-e', '--env', '-u', '--user', '-w', '--workdir', '--env-file', '--detach-keys']);

function words(command: string): string[] {
  return parse(command.trim()).filter((w): w is string => typeof w === 'string');
}

/** The first argument that is not a flag (or a flag's value). */
function firstOperand(args: string[], valueFlags: Set<string> = new Set()): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a.startsWith('-')) {
      if (valueFlags.has(a)) i++;
      continue;
    }
    return a;
  }
  return undefined;
}

export function commandTarget(command: string): CommandTarget | null {
  const first = command.trim().split('\n')[0] ?? '';
  const w = words(first);
  if (w[0] !== 'docker' || w.length < 2) return null;
  let [, verb, ...rest] = w;
  // `docker container run` / `docker image pull` are the long forms of the same commands.
  if (verb === 'container' && rest.length) [verb, ...rest] = rest as [string, ...string[]];
  switch (verb) {
    case 'run':
      return { view: 'containers', params: { runCommand: first.trim() }, label: 'Open the run dialog' };
    case 'logs':
    case 'top':
    case 'exec': {
      const operand = firstOperand(rest, verb === 'exec' ? EXEC_VALUE_FLAGS : new Set(['--since', '--until', '-n', '--tail']));
      // "docker logs [OPTIONS] CONTAINER" names no real container: open the tab without selecting.
      const target = operand && !/^(\[.*\]|<.*>|[A-Z_]+)$/.test(operand) ? operand : undefined;
      const tab = verb === 'logs' ? 'logs' : verb === 'top' ? 'top' : 'shell';
      return { view: 'containers', params: target ? { select: target, tab } : { tab }, label: `Open ${tab} in Dockside` };
    }
    case 'ps':
    case 'stop':
    case 'kill':
    case 'start':
    case 'restart':
    case 'rm':
      return { view: 'containers', params: {}, label: 'Open containers' };
    case 'stats':
      return { view: 'stats', params: {}, label: 'Open stats' };
    case 'network':
      return { view: 'networks', params: {}, label: 'Open networks' };
    case 'volume':
      return { view: 'volumes', params: {}, label: 'Open volumes' };
    case 'swarm':
    case 'service':
    case 'node':
      return { view: 'cluster', params: {}, label: 'Open the cluster' };
    case 'build':
      return { view: 'build', params: {}, label: 'Open build' };
    case 'push':
    case 'pull':
    case 'tag':
    case 'images':
    case 'image':
    case 'rmi':
      return { view: 'images', params: {}, label: 'Open images' };
    default:
      return null;
  }
}
