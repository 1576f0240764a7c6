/**
 * The run dialog's model, shared by main and renderer (no node: imports): a `RunSpec` as the form
 * holds it, the `docker run ...` command it equals, the paste parser that turns such a command back
 * into a spec, the checks made before anything is sent, and the engine create options.
 *
 * One module so that what the dialog shows, what the parser reads and what the engine receives
 * can never drift apart.
 */
import { parse as shellParse } from 'shell-quote';
import { dockerCommand, shellQuote } from '../engine/docker-command';

export interface RunPort {
  /** '' = all interfaces. */
  hostIp: string;
  /** '' = a random free port chosen by the engine. */
  hostPort: string;
  containerPort: string;
  protocol: 'tcp' | 'udp';
}

export interface RunVolume {
  /** A volume name, a host path (bind mount, starts with /) or '' for an anonymous volume. */
  source: string;
  target: string;
  readOnly: boolean;
}

export interface RunSpec {
  image: string;
  name: string;
  /** true = `-d`; false = attached (the dialog shows the output). */
  detach: boolean;
  ports: RunPort[];
  /** KEY=VALUE */
  env: string[];
  volumes: RunVolume[];
  /** '' = the default bridge; 'bridge', 'host', 'none' or a user-defined network. */
  network: string;
  /** '' or a docker size such as 64m, 1g, 512MiB. */
  memory: string;
  /** '' or a number of CPUs such as 0.5. */
  cpus: string;
  /** '' | no | always | unless-stopped | on-failure[:N] */
  restart: string;
  /** Command override, shell words ('' = the image's CMD). */
  command: string;
  rm: boolean;
  interactive: boolean;
  tty: boolean;
  /** KEY=VALUE */
  labels: string[];
}

export function emptyRunSpec(): RunSpec {
  return {
    image: '',
    name: '',
    detach: true,
    ports: [],
    env: [],
    volumes: [],
    network: '',
    memory: '',
    cpus: '',
    restart: '',
    command: '',
    rm: false,
    interactive: false,
    tty: false,
    labels: [],
  };
}

export interface FieldIssue {
  /** Path in the spec, e.g. "ports.0.hostPort". */
  field: string;
  message: string;
}

/** docker's own minimum for --memory. */
export const MIN_MEMORY_BYTES = 6 * 1024 * 1024;

/** Quotes words for a POSIX shell with the one rule every shown command uses (engine/docker-command.ts). */
export function quoteWords(words: string[]): string {
  return words.map(shellQuote).join(' ');
}

/** `docker ...` with its arguments quoted; null/false/undefined are left out. */
export const dockerLine = dockerCommand;

// ---------------------------------------------------------------------------------------------
// Sizes, CPUs, ports, references
// ---------------------------------------------------------------------------------------------

const UNITS: Record<string, number> = { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3, t: 1024 ** 4, p: 1024 ** 5 };

/**
 * Parses a size the way the docker CLI does for --memory (binary units, case-insensitive,
 * optional "i" and "b": 64m, 64MB, 64MiB, 1g, 512k, 1024b). Returns null when it is not a size.
 */
export function parseMemory(text: string): number | null {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([kmgtp]?)(i?b?)\s*$/i.exec(text);
  if (!m) return null;
  const unit = m[2]!.toLowerCase();
  if (unit === '' && m[3]!.toLowerCase() === 'i') return null;
  return Math.floor(Number(m[1]) * UNITS[unit]!);
}

/** CPUs as nano-CPUs (the engine's NanoCpus), or null when not a positive number. */
export function parseCpus(text: string): number | null {
  if (!/^\s*\d*(\.\d+)?\s*$/.test(text) || text.trim() === '' || text.trim() === '.') return null;
  const n = Number(text);
  if (!Number.isFinite(n) || n <= 0) return null;
  return Math.round(n * 1e9);
}

const PATH_COMPONENT = '[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*';
const DOMAIN = '(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*(?::[0-9]+)?|\\[[0-9a-fA-F:]+\\](?::[0-9]+)?)';
const REFERENCE = new RegExp(
  `^(?:${DOMAIN}/)?${PATH_COMPONENT}(?:/${PATH_COMPONENT})*(?::[\\w][\\w.-]{0,127})?(?:@[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,})?$`,
);

/** Checks an image reference (name[:tag][@digest], or an image id); returns a message or null. */
export function imageReferenceProblem(ref: string): string | null {
  const r = ref.trim();
  if (r === '') return 'Image: enter an image name, e.g. nginx:1.27 or myregistry:5000/team/app';
  if (/^(sha256:)?[0-9a-f]{12,64}$/.test(r)) return null;
  if (REFERENCE.test(r)) return null;
  const withoutDomain = r.includes('/') ? r.slice(r.indexOf('/') + 1) : r;
  if (/[A-Z]/.test(withoutDomain.split(':')[0] ?? '')) return `Image "${r}": repository name must be lowercase`;
  if (/\s/.test(r)) return `Image "${r}": must not contain spaces`;
  return `Image "${r}" is not a valid reference (expected [registry/]name[:tag])`;
}

/** Adds ":latest" when a reference has no tag or digest (a pull without one fetches every tag). */
export function withDefaultTag(ref: string): string {
  const last = ref.slice(ref.lastIndexOf('/') + 1);
  return last.includes(':') || ref.includes('@') ? ref : `${ref}:latest`;
}

/** Splits a reference into repository and tag ("" when none; a digest stays in the repository). */
export function splitReference(ref: string): { repo: string; tag: string } {
  if (ref.includes('@')) return { repo: ref, tag: '' };
  const colon = ref.lastIndexOf(':');
  return colon > ref.lastIndexOf('/') ? { repo: ref.slice(0, colon), tag: ref.slice(colon + 1) } : { repo: ref, tag: '' };
}

export function joinReference(repo: string, tag: string): string {
  return tag.trim() ? `${repo.trim()}:${tag.trim()}` : repo.trim();
}

/** Parses `-p` text: [hostIp:][hostPort:]containerPort[/proto]. */
export function parsePortText(text: string): RunPort | string {
  const m = /^(?:(\[[0-9a-fA-F:]+\]|[0-9.]+):)?(?:(\d*):)?(\d+)(?:\/(tcp|udp))?$/.exec(text.trim());
  if (!m) return `Port "${text}": expected [hostIP:]hostPort:containerPort[/udp]`;
  const hostIp = (m[1] ?? '').replace(/^\[|\]$/g, '');
  // "8080:80" parses as ip=8080? No: ip must contain a dot or brackets.
  if (hostIp && !hostIp.includes('.') && !hostIp.includes(':')) {
    return { hostIp: '', hostPort: hostIp, containerPort: m[3]!, protocol: (m[4] as 'tcp' | 'udp') ?? 'tcp' };
  }
  return { hostIp, hostPort: m[2] ?? '', containerPort: m[3]!, protocol: (m[4] as 'tcp' | 'udp') ?? 'tcp' };
}

export function formatPort(p: RunPort): string {
  const proto = p.protocol === 'udp' ? '/udp' : '';
  const ip = p.hostIp ? (p.hostIp.includes(':') ? `[${p.hostIp}]` : p.hostIp) : '';
  if (!p.hostPort && !ip) return `${p.containerPort}${proto}`;
  return `${ip ? `${ip}:` : ''}${p.hostPort}:${p.containerPort}${proto}`;
}

/** Parses `-v` text: name:/path[:ro], /host:/path[:ro], or /path (anonymous volume). */
export function parseVolumeText(text: string): RunVolume | string {
  const parts = text.split(':');
  if (parts.length === 1) return { source: '', target: parts[0]!, readOnly: false };
  if (parts.length > 3) return `Volume "${text}": expected name:/path, /host/path:/path or /path, with an optional :ro`;
  const mode = parts[2];
  if (mode !== undefined && mode !== 'ro' && mode !== 'rw') return `Volume "${text}": mode "${mode}" is not supported (use ro or rw)`;
  return { source: parts[0]!, target: parts[1]!, readOnly: mode === 'ro' };
}

export function formatVolume(v: RunVolume): string {
  return v.source ? `${v.source}:${v.target}${v.readOnly ? ':ro' : ''}` : v.target;
}

/** Splits a command line into words; shell operators (|, &&, >) are refused with a message. */
export function splitWords(text: string): string[] | string {
  const tokens = shellParse(text.replace(/\\\r?\n/g, ' '), (key) => `$${key}`);
  const words: string[] = [];
  for (const t of tokens) {
    if (typeof t === 'string') words.push(t);
    else if ('comment' in t) break;
    else if ('op' in t && t.op === 'glob') words.push(t.pattern);
    else return `"${'op' in t ? t.op : '?'}" is shell syntax, not part of a command: wrap it as sh -c "..."`;
  }
  return words;
}

// ---------------------------------------------------------------------------------------------
// Checks before anything is sent
// ---------------------------------------------------------------------------------------------

const NAME = /^[a-zA-Z0-9][a-zA-Z0-9_.-]+$/;
const RESTART = /^(no|always|unless-stopped|on-failure(:\d+)?)$/;

/** Everything wrong with a spec, each naming its field. `engineCpus` enables the --cpus ceiling. */
export function validateRunSpec(spec: RunSpec, engineCpus?: number): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const add = (field: string, message: string) => issues.push({ field, message });
  const img = imageReferenceProblem(spec.image);
  if (img) add('image', img);
  if (spec.name && !NAME.test(spec.name)) add('name', `Name "${spec.name}": use at least 2 letters, digits, _ . or -, starting with a letter or digit`);
  const seen = new Map<string, number>();
  spec.ports.forEach((p, i) => {
    const cp = Number(p.containerPort);
    if (!/^\d+$/.test(p.containerPort) || cp < 1 || cp > 65535) add(`ports.${i}.containerPort`, `Container port "${p.containerPort}" must be a number from 1 to 65535`);
    if (p.hostPort !== '') {
      const hp = Number(p.hostPort);
      if (!/^\d+$/.test(p.hostPort) || hp < 1 || hp > 65535) add(`ports.${i}.hostPort`, `Host port "${p.hostPort}" must be a number from 1 to 65535`);
      else {
        const key = `${hp}/${p.protocol}`;
        const first = seen.get(key);
        if (first !== undefined) add(`ports.${i}.hostPort`, `Host port ${hp}/${p.protocol} is already used by port line ${first + 1}: one host port can go to one container port only`);
        else seen.set(key, i);
      }
    }
    if (p.hostIp && !/^(\d{1,3}(\.\d{1,3}){3}|[0-9a-fA-F:]+)$/.test(p.hostIp)) add(`ports.${i}.hostIp`, `Host IP "${p.hostIp}" is not an IP address`);
  });
  spec.env.forEach((e, i) => {
    if (!/^[^=\s]+=/.test(e)) add(`env.${i}`, `Environment "${e}": write KEY=value`);
  });
  spec.labels.forEach((e, i) => {
    if (!/^[^=\s]+(=|$)/.test(e)) add(`labels.${i}`, `Label "${e}": write key=value`);
  });
  spec.volumes.forEach((v, i) => {
    if (!v.target.startsWith('/')) add(`volumes.${i}.target`, `Volume target "${v.target}" must be an absolute path in the container, e.g. /data`);
    if (v.source && !v.source.startsWith('/') && !NAME.test(v.source))
      add(`volumes.${i}.source`, `Volume source "${v.source}" must be a volume name or an absolute host path (bind mount)`);
  });
  if (spec.network && !NAME.test(spec.network) && spec.network !== 'host') add('network', `Network "${spec.network}" is not a valid network name`);
  if (spec.memory.trim() !== '') {
    const bytes = parseMemory(spec.memory);
    if (bytes === null) add('memory', `Memory "${spec.memory}" is not a size: use a number with b, k, m or g (e.g. 64m)`);
    else if (bytes < MIN_MEMORY_BYTES) add('memory', `Memory ${spec.memory} is below the minimum of 6 MiB the engine allows`);
  }
  if (spec.cpus.trim() !== '') {
    const nano = parseCpus(spec.cpus);
    if (nano === null) add('cpus', `CPUs "${spec.cpus}" must be a positive number, e.g. 0.5`);
    else if (engineCpus && nano > engineCpus * 1e9) add('cpus', `CPUs ${spec.cpus} is more than the ${engineCpus} CPUs the engine has`);
  }
  if (spec.restart && !RESTART.test(spec.restart)) add('restart', `Restart policy "${spec.restart}": use no, always, unless-stopped or on-failure[:N]`);
  if (spec.rm && spec.restart && spec.restart !== 'no') add('restart', 'Conflicting options: --restart and --rm (a container removed on exit cannot be restarted)');
  if (spec.command.trim() !== '') {
    const words = splitWords(spec.command);
    if (typeof words === 'string') add('command', `Command: ${words}`);
  }
  return issues;
}

// ---------------------------------------------------------------------------------------------
// Spec -> docker command, and back
// ---------------------------------------------------------------------------------------------

/** The `docker run ...` command equal to a spec, quoted for a POSIX shell. */
export function runCommand(spec: RunSpec): string {
  const args: string[] = ['docker', 'run'];
  if (spec.detach) args.push('-d');
  if (spec.rm) args.push('--rm');
  if (spec.interactive && spec.tty) args.push('-it');
  else if (spec.interactive) args.push('-i');
  else if (spec.tty) args.push('-t');
  if (spec.name) args.push('--name', spec.name);
  for (const p of spec.ports) args.push('-p', formatPort(p));
  for (const e of spec.env) args.push('-e', e);
  for (const v of spec.volumes) args.push('-v', formatVolume(v));
  if (spec.network) args.push('--network', spec.network);
  if (spec.memory.trim()) args.push('--memory', spec.memory.trim());
  if (spec.cpus.trim()) args.push('--cpus', spec.cpus.trim());
  if (spec.restart) args.push('--restart', spec.restart);
  for (const l of spec.labels) args.push('--label', l);
  args.push(spec.image.trim() || 'IMAGE');
  const words = spec.command.trim() ? splitWords(spec.command) : [];
  if (Array.isArray(words)) args.push(...words);
  return quoteWords(args);
}

const BOOL_FLAGS: Record<string, keyof RunSpec> = { d: 'detach', detach: 'detach', rm: 'rm', i: 'interactive', interactive: 'interactive', t: 'tty', tty: 'tty' };
const VALUE_FLAGS: Record<string, string> = {
  p: 'publish',
  publish: 'publish',
  e: 'env',
  env: 'env',
  v: 'volume',
  volume: 'volume',
  name: 'name',
  network: 'network',
  net: 'network',
  m: 'memory',
  memory: 'memory',
  cpus: 'cpus',
  restart: 'restart',
  l: 'label',
  label: 'label',
};

// Flags docker knows that take no value: their neighbour is not swallowed as their value.
const UNSUPPORTED_BOOLS = new Set(['privileged', 'init', 'read-only', 'no-healthcheck', 'oom-kill-disable', 'P', 'publish-all', 'q', 'quiet', 'sig-proxy']);

/** Skips the value of an unknown flag when there is one, so the image is still found after it. */
function skipValue(words: string[], i: number): number {
  return i + 2 < words.length && !words[i + 1]!.startsWith('-') ? i + 1 : i;
}

export interface ParsedRun {
  spec: RunSpec;
  /** Unknown or unsupported flags and malformed values, each named; empty when all was understood. */
  errors: string[];
}

/**
 * Reads a pasted `docker run ...` (or `docker container run ...`) line into a spec. Quoting,
 * `--flag=value`, `-p8080:80` and clustered short flags (`-dit`) are handled like the CLI;
 * nothing is dropped silently: whatever is not understood is named in `errors`.
 */
export function parseDockerRun(text: string): ParsedRun {
  const spec = emptyRunSpec();
  spec.detach = false;
  const errors: string[] = [];
  const words = splitWords(text.trim());
  if (typeof words === 'string') return { spec, errors: [words] };
  let i = 0;
  if (words[i] === 'docker') i++;
  if (words[i] === 'container') i++;
  if (words[i] !== 'run') return { spec, errors: ['Expected a command starting with "docker run"'] };
  i++;
  const apply = (flag: string, name: string, value: string) => {
    switch (name) {
      case 'publish': {
        const p = parsePortText(value);
        if (typeof p === 'string') errors.push(p);
        else spec.ports.push(p);
        break;
      }
      case 'env':
        spec.env.push(value);
        break;
      case 'volume': {
        const v = parseVolumeText(value);
        if (typeof v === 'string') errors.push(v);
        else spec.volumes.push(v);
        break;
      }
      case 'label':
        spec.labels.push(value);
        break;
      case 'name':
      case 'network':
      case 'memory':
      case 'cpus':
      case 'restart':
        spec[name] = value;
        break;
      default:
        errors.push(`Flag ${flag} is not supported by the run dialog`);
    }
  };
  for (; i < words.length; i++) {
    const w = words[i]!;
    if (w === '--') {
      i++;
      break;
    }
    if (!w.startsWith('-') || w === '-') break;
    if (w.startsWith('--')) {
      const eq = w.indexOf('=');
      const key = w.slice(2, eq < 0 ? undefined : eq);
      const inline = eq < 0 ? undefined : w.slice(eq + 1);
      const bool = BOOL_FLAGS[key];
      if (bool) {
        if (inline === undefined || inline === 'true') (spec[bool] as boolean) = true;
        else if (inline === 'false') (spec[bool] as boolean) = false;
        else errors.push(`Flag --${key} takes true or false, not "${inline}"`);
        continue;
      }
      const name = VALUE_FLAGS[key];
      if (!name) {
        errors.push(`Flag --${key} is not supported by the run dialog: remove it or run the command in a terminal`);
        if (inline === undefined && !UNSUPPORTED_BOOLS.has(key)) i = skipValue(words, i);
        continue;
      }
      const value = inline ?? words[++i];
      if (value === undefined) errors.push(`Flag --${key} needs a value`);
      else apply(`--${key}`, name, value);
      continue;
    }
    // Short flags: a cluster of booleans, possibly ending with one that takes a value.
    const letters = w.slice(1);
    for (let j = 0; j < letters.length; j++) {
      const c = letters[j]!;
      const bool = BOOL_FLAGS[c];
      if (bool) {
        (spec[bool] as boolean) = true;
        continue;
      }
      const name = VALUE_FLAGS[c];
      if (!name) {
        errors.push(`Flag -${c} is not supported by the run dialog: remove it or run the command in a terminal`);
        if (j === letters.length - 1 && !UNSUPPORTED_BOOLS.has(c)) i = skipValue(words, i);
        break;
      }
      let rest = letters.slice(j + 1);
      if (rest.startsWith('=')) rest = rest.slice(1);
      const value = rest !== '' ? rest : words[++i];
      if (value === undefined) errors.push(`Flag -${c} needs a value`);
      else apply(`-${c}`, name, value);
      break;
    }
  }
  const image = words[i];
  if (image === undefined) errors.push('No image given: the command should end with an image name (and optionally a command)');
  else {
    spec.image = image;
    const rest = words.slice(i + 1);
    spec.command = rest.length ? quoteWords(rest) : '';
  }
  return { spec, errors };
}

// ---------------------------------------------------------------------------------------------
// Spec -> engine create options (what the docker CLI sends for the same flags)
// ---------------------------------------------------------------------------------------------

export interface CreateOptions {
  name?: string;
  Image: string;
  Cmd?: string[];
  Env?: string[];
  Labels?: Record<string, string>;
  Tty: boolean;
  OpenStdin: boolean;
  AttachStdin: boolean;
  AttachStdout: boolean;
  AttachStderr: boolean;
  ExposedPorts?: Record<string, Record<string, never>>;
  Volumes?: Record<string, Record<string, never>>;
  HostConfig: {
    NetworkMode: string;
    PortBindings?: Record<string, { HostIp: string; HostPort: string }[]>;
    Binds?: string[];
    Memory?: number;
    NanoCpus?: number;
    RestartPolicy: { Name: string; MaximumRetryCount: number };
    AutoRemove: boolean;
  };
}

/** Assumes `validateRunSpec` found nothing. */
export function toCreateOptions(spec: RunSpec): CreateOptions {
  const opts: CreateOptions = {
    Image: spec.image.trim(),
    Tty: spec.tty,
    OpenStdin: spec.interactive,
    AttachStdin: false,
    AttachStdout: !spec.detach,
    AttachStderr: !spec.detach,
    HostConfig: {
      NetworkMode: spec.network || 'default',
      RestartPolicy: restartPolicy(spec.restart),
      AutoRemove: spec.rm,
    },
  };
  if (spec.name) opts.name = spec.name;
  if (spec.command.trim()) {
    const words = splitWords(spec.command);
    if (Array.isArray(words)) opts.Cmd = words;
  }
  if (spec.env.length) opts.Env = [...spec.env];
  if (spec.labels.length) {
    opts.Labels = Object.fromEntries(spec.labels.map((l) => [l.split('=')[0]!, l.includes('=') ? l.slice(l.indexOf('=') + 1) : '']));
  }
  if (spec.ports.length) {
    opts.ExposedPorts = {};
    opts.HostConfig.PortBindings = {};
    for (const p of spec.ports) {
      const key = `${Number(p.containerPort)}/${p.protocol}`;
      opts.ExposedPorts[key] = {};
      (opts.HostConfig.PortBindings[key] ??= []).push({ HostIp: p.hostIp, HostPort: p.hostPort });
    }
  }
  const binds = spec.volumes.filter((v) => v.source);
  const anonymous = spec.volumes.filter((v) => !v.source);
  if (binds.length) opts.HostConfig.Binds = binds.map(formatVolume);
  if (anonymous.length) opts.Volumes = Object.fromEntries(anonymous.map((v) => [v.target, {}]));
  if (spec.memory.trim()) opts.HostConfig.Memory = parseMemory(spec.memory) ?? undefined;
  if (spec.cpus.trim()) opts.HostConfig.NanoCpus = parseCpus(spec.cpus) ?? undefined;
  return opts;
}

function restartPolicy(text: string): { Name: string; MaximumRetryCount: number } {
  if (!text) return { Name: 'no', MaximumRetryCount: 0 };
  const [name, count] = text.split(':');
  return { Name: name!, MaximumRetryCount: count ? Number(count) : 0 };
}
