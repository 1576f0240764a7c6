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
const SHELLS = new Set(['sh', 'bash', 'ash', 'zsh', '/bin/sh', '/bin/bash', '/bin/ash']);

/** What "Open in Dockside" pre-fills in the build form: every flag of the `docker build` line. */
export interface BuildPrefill {
  tags: string[];
  /** The context as written (".", a path); the form asks for an absolute folder when it is relative. */
  context: string;
  file?: string;
  buildArgs: Record<string, string>;
  target?: string;
  noCache: boolean;
}

/** Splits a flag that may be written `--tag=x` or `--tag x`; returns [flag, value, words consumed]. */
function flagValue(args: string[], i: number): [string, string | undefined, number] {
  const a = args[i]!;
  const eq = a.indexOf('=');
  if (a.startsWith('--') && eq > 0) return [a.slice(0, eq), a.slice(eq + 1), 1];
  return [a, args[i + 1], 2];
}

export function parseBuild(args: string[]): BuildPrefill {
  const out: BuildPrefill = { tags: [], context: '.', buildArgs: {}, noCache: false };
  const valued = new Set(['-t', '--tag', '-f', '--file', '--build-arg', '--target', '--platform', '--network', '--progress', '--label', '--cache-from']);
  for (let i = 0; i < args.length; ) {
    const a = args[i]!;
    if (a === '--no-cache') {
      out.noCache = true;
      i++;
      continue;
    }
    if (a.startsWith('-')) {
      const [flag, value, used] = flagValue(args, i);
      if (!valued.has(flag)) {
        i++;
        continue;
      }
      i += used;
      if (value === undefined) continue;
      if (flag === '-t' || flag === '--tag') out.tags.push(value);
      else if (flag === '-f' || flag === '--file') out.file = value;
      else if (flag === '--target') out.target = value;
      else if (flag === '--build-arg') {
        const eq = value.indexOf('=');
        if (eq > 0) out.buildArgs[value.slice(0, eq)] = value.slice(eq + 1);
      }
      continue;
    }
    out.context = a;
    i++;
  }
  return out;
}

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
      const valueFlags = verb === 'exec' ? EXEC_VALUE_FLAGS : new Set(['--since', '--until', '-n', '--tail']);
      const operand = firstOperand(rest, valueFlags);
      // "docker logs [OPTIONS] CONTAINER" names no real container: open the tab without selecting.
      const target = operand && !/^(\[.*\]|<.*>|[A-Z_]+)$/.test(operand) ? operand : undefined;
      let tab = verb === 'logs' ? 'logs' : verb === 'top' ? 'top' : 'shell';
      const params: Record<string, unknown> = target ? { select: target, tab } : { tab };
      if (verb === 'exec' && target) {
        // A one-off command (`docker exec box ls`) goes to the Exec tab, pre-filled; a shell to the Shell tab.
        const cmd = rest.slice(rest.indexOf(target) + 1);
        if (cmd.length && !(cmd.length === 1 && SHELLS.has(cmd[0]!))) {
          tab = 'exec';
          Object.assign(params, { tab, execCommand: cmd });
        }
      }
      if (verb === 'logs') {
        const logs: Record<string, unknown> = {};
        for (let i = 0; i < rest.length; i++) {
          const a = rest[i]!;
          if (a === '-f' || a === '--follow') logs.follow = true;
          else if (a === '-t' || a === '--timestamps') logs.timestamps = true;
          else if (a === '-n' || a === '--tail') logs.tail = rest[++i];
          else if (a.startsWith('--tail=')) logs.tail = a.slice(7);
          else if (a === '--since') logs.since = rest[++i];
          else if (a.startsWith('--since=')) logs.since = a.slice(8);
        }
        if (Object.keys(logs).length) params.logs = logs;
      }
      return { view: 'containers', params, label: `Open ${tab} in Dockside` };
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
      return { view: 'build', params: { build: parseBuild(rest) }, label: 'Open the build form, pre-filled' };
    case 'login': {
      const host = firstOperand(rest, new Set(['-u', '--username', '-p', '--password']));
      return { view: 'build', params: { registries: true, ...(host ? { login: host } : {}) }, label: 'Open the login form' };
    }
    case 'pull': {
      const ref = firstOperand(rest, new Set(['--platform']));
      return { view: 'build', params: { registries: true, ...(ref ? { pull: ref } : {}) }, label: 'Open pull, pre-filled' };
    }
    case 'push': {
      const ref = firstOperand(rest);
      if (!ref) return { view: 'build', params: { registries: true }, label: 'Open push' };
      const allTags = rest.includes('--all-tags') || rest.includes('-a');
      const at = ref.lastIndexOf(':');
      const hasTag = at > ref.lastIndexOf('/');
      const push = allTags ? { repository: ref, allTags: true } : { repository: hasTag ? ref.slice(0, at) : ref, tag: hasTag ? ref.slice(at + 1) : 'latest' };
      return { view: 'build', params: { registries: true, push }, label: 'Open push, pre-filled' };
    }
    case 'tag':
    case 'images':
    case 'image':
    case 'rmi':
      return { view: 'images', params: {}, label: 'Open images' };
    default:
      return null;
  }
}
