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

/** What "Open in Dockside" sets in the Logs tab: every flag of the `docker logs` line. */
export interface LogsPrefill {
  /** `-f`: without it, `docker logs` prints what there is and ends, and so does the tab. */
  follow: boolean;
  timestamps: boolean;
  /** `--tail N` / `-n N` as written ("all" or a number). */
  tail?: string;
  /** `--since` as written: a duration (10m, 1h30m), a date-time, or Unix seconds. */
  since?: string;
}

export function parseLogs(args: string[]): LogsPrefill {
  const out: LogsPrefill = { follow: false, timestamps: false };
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '-f' || a === '--follow') out.follow = true;
    else if (a === '-t' || a === '--timestamps') out.timestamps = true;
    else if (/^-[ft]{2}$/.test(a)) {
      out.follow = true;
      out.timestamps = true;
    } else if (a === '-n' || a === '--tail' || a === '--since') {
      const v = args[++i];
      if (v !== undefined) out[a === '--since' ? 'since' : 'tail'] = v;
    } else if (a.startsWith('--tail=') || a.startsWith('--since=')) {
      const [flag, v] = [a.slice(2, a.indexOf('=')), a.slice(a.indexOf('=') + 1)];
      out[flag as 'tail' | 'since'] = v;
    } else if (/^-n\d+$/.test(a)) out.tail = a.slice(2);
  }
  return out;
}

const DURATION_UNITS: Record<string, number> = { ns: 1e-9, us: 1e-6, µs: 1e-6, ms: 1e-3, s: 1, m: 60, h: 3600 };

/**
 * `docker logs --since` as the CLI reads it, in Unix seconds: a Go duration before now ("10m",
 * "1h30m", "1.5h"), Unix seconds ("1700000000"), or a date-time ("2024-01-02T15:04:05Z",
 * "2024-01-02"). Null when it is none of these.
 */
export function sinceToUnix(value: string, nowMs: number): number | null {
  const v = value.trim();
  if (/^\d+(\.\d+)?$/.test(v)) return Math.floor(Number(v));
  if (/^(\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+$/.test(v)) {
    let seconds = 0;
    for (const m of v.matchAll(/(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/g)) seconds += Number(m[1]) * DURATION_UNITS[m[2]!]!;
    return Math.floor(nowMs / 1000 - seconds);
  }
  if (/^\d{4}-\d{2}-\d{2}/.test(v)) {
    const t = Date.parse(v);
    return Number.isNaN(t) ? null : Math.floor(t / 1000);
  }
  return null;
}

/** What "Open in Dockside" pre-fills in the networks view's create form. */
export interface NetworkCreatePrefill {
  name: string;
  driver?: string;
  subnet?: string;
  internal: boolean;
  labels: string[];
}

const NETWORK_CREATE_VALUED = new Set(['-d', '--driver', '--subnet', '--gateway', '--ip-range', '--label', '-o', '--opt', '--scope', '--ipam-driver', '--aux-address', '--ipam-opt', '--config-from']);

/** `docker network create|connect|rm|inspect|ls ...`: the form filled, or the network selected with its action. */
function networkTarget(rest: string[]): CommandTarget {
  const [sub, ...args] = rest;
  if (sub === 'create') {
    const create: NetworkCreatePrefill = { name: '', internal: false, labels: [] };
    for (let i = 0; i < args.length; ) {
      const a = args[i]!;
      if (a === '--internal') {
        create.internal = true;
        i++;
        continue;
      }
      if (a.startsWith('-')) {
        const [flag, value, used] = flagValue(args, i);
        i += NETWORK_CREATE_VALUED.has(flag) ? used : 1;
        if (value === undefined || !NETWORK_CREATE_VALUED.has(flag)) continue;
        if (flag === '-d' || flag === '--driver') create.driver = value;
        else if (flag === '--subnet') create.subnet = value;
        else if (flag === '--label') create.labels.push(value);
        continue;
      }
      create.name = a;
      i++;
    }
    return { view: 'networks', params: { create }, label: 'Open the network form, pre-filled' };
  }
  if (sub === 'connect' || sub === 'disconnect') {
    const operands = operandsOf(args, new Set(['--alias', '--ip', '--ip6', '--link', '--link-local-ip', '--driver-opt']));
    const alias = valueOf(args, '--alias');
    const [network, container] = operands;
    if (!network) return { view: 'networks', params: {}, label: 'Open networks' };
    return {
      view: 'networks',
      params: { select: network, ...(container ? { [sub]: container } : {}), ...(alias ? { alias } : {}) },
      label: sub === 'connect' ? 'Open connect, pre-filled' : 'Open the network',
    };
  }
  if (sub === 'rm' || sub === 'remove' || sub === 'inspect') {
    const [name] = operandsOf(args, new Set(['-f', '--format']));
    if (!name) return { view: 'networks', params: {}, label: 'Open networks' };
    return { view: 'networks', params: { select: name, ...(sub === 'inspect' ? {} : { remove: true }) }, label: sub === 'inspect' ? 'Open the network' : 'Open remove (asks first)' };
  }
  return { view: 'networks', params: {}, label: 'Open networks' };
}

/** `docker volume create|rm|inspect|ls ...`: the form filled, or the volume selected with its action. */
function volumeTarget(rest: string[]): CommandTarget {
  const [sub, ...args] = rest;
  if (sub === 'create') {
    const labels: string[] = [];
    let name = '';
    for (let i = 0; i < args.length; ) {
      const a = args[i]!;
      if (a.startsWith('-')) {
        const [flag, value, used] = flagValue(args, i);
        const valued = ['--label', '-d', '--driver', '-o', '--opt', '--name'].includes(flag);
        i += valued ? used : 1;
        if (flag === '--label' && value !== undefined) labels.push(value);
        if (flag === '--name' && value !== undefined) name = value;
        continue;
      }
      name = a;
      i++;
    }
    return { view: 'volumes', params: { create: { name, labels } }, label: 'Open the volume form, pre-filled' };
  }
  if (sub === 'rm' || sub === 'remove' || sub === 'inspect') {
    const [name] = operandsOf(args, new Set(['--format']));
    if (!name) return { view: 'volumes', params: {}, label: 'Open volumes' };
    return { view: 'volumes', params: { select: name, ...(sub === 'inspect' ? {} : { remove: true }) }, label: sub === 'inspect' ? 'Open the volume' : 'Open remove (asks first)' };
  }
  return { view: 'volumes', params: {}, label: 'Open volumes' };
}

/** Every argument that is not a flag or a flag's value, in order. */
function operandsOf(args: string[], valueFlags: Set<string>): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a.startsWith('-')) {
      if (valueFlags.has(a)) i++;
      continue;
    }
    out.push(a);
  }
  return out;
}

function valueOf(args: string[], flag: string): string | undefined {
  for (let i = 0; i < args.length; i++) {
    if (args[i] === flag) return args[i + 1];
    if (args[i]!.startsWith(`${flag}=`)) return args[i]!.slice(flag.length + 1);
  }
  return undefined;
}

function words(command: string): string[] {
  return parse(command.trim()).filter((w): w is string => typeof w === 'string');
}

/** The first argument that is not a flag (or a flag's value). */
function firstOperand(args: string[], valueFlags: Set<string> = new Set()): string | undefined {
  return operandsOf(args, valueFlags)[0];
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
      if (verb === 'logs' && target) params.logs = parseLogs(rest);
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
      return networkTarget(rest);
    case 'volume':
      return volumeTarget(rest);
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
