/**
 * Owns the connection to the engine: resolves the endpoint, pings it, keeps one shared event
 * stream open (it doubles as the liveness signal), and reconnects by itself when the engine goes
 * away. Views never poll the engine for changes; they listen to `onEvent` and `onStatus`.
 */
import fs from 'node:fs';
import os from 'node:os';
import type Docker from 'dockerode';
import type { EngineEvent, EngineInfo, EngineStatus, EngineSwitchTarget, SshHostKeyPrompt } from '../contract';
import { createDockerClient } from './docker-client';
import { contextEndpoint, EndpointError, parseHostUrl, resolveEndpoint, type Endpoint, type EndpointEnv } from './endpoint';
import { parseEngineEvent } from './engine-event';
import { LineSplitter } from './line-splitter';
import { SshConnectError } from './ssh/ssh-errors';

export interface EngineManagerOptions {
  /** Environment used to find the engine; defaults to this process's. */
  endpointEnv?: EndpointEnv;
  /** How long a ping may take before the engine counts as unreachable. */
  pingTimeoutMs?: number;
  /** Delays between reconnection attempts; the last one repeats. */
  retryDelaysMs?: number[];
}

export function processEndpointEnv(): EndpointEnv {
  return {
    env: process.env,
    platform: process.platform,
    homedir: os.homedir(),
    readFile: (f) => {
      try {
        return fs.readFileSync(f, 'utf8');
      } catch {
        return undefined;
      }
    },
    exists: (f) => fs.existsSync(f),
    listDir: (d) => {
      try {
        return fs.readdirSync(d);
      } catch {
        return [];
      }
    },
  };
}

/** Thrown by `client()` when no engine is connected; the dispatcher turns it into data. */
export class NotConnectedError extends Error {
  readonly code = 'not-connected';
  constructor(message: string) {
    super(message);
  }
}

export class EngineManager {
  private docker: Docker | null = null;
  private endpoint: Endpoint | null = null;
  private override: Endpoint | null = null;
  private status: EngineStatus = { state: 'connecting', endpoint: null };
  private readonly statusListeners = new Set<(s: EngineStatus) => void>();
  private readonly eventListeners = new Set<(e: EngineEvent) => void>();
  private eventsStream: NodeJS.ReadableStream | null = null;
  private eventsAbort: AbortController | null = null;
  private retryTimer: NodeJS.Timeout | null = null;
  private retryIndex = 0;
  private generation = 0;
  private stopped = false;
  private readonly env: EndpointEnv;
  private readonly pingTimeoutMs: number;
  private readonly retryDelaysMs: number[];

  constructor(opts: EngineManagerOptions = {}) {
    this.env = opts.endpointEnv ?? processEndpointEnv();
    this.pingTimeoutMs = opts.pingTimeoutMs ?? 3000;
    this.retryDelaysMs = opts.retryDelaysMs ?? [500, 1000, 2000, 3000];
  }

  /** Connects (or fails with a status that says why); resolves once the first attempt is over. */
  async start(): Promise<EngineStatus> {
    this.stopped = false;
    return this.connect();
  }

  /** Closes the event stream and stops reconnecting. */
  stop(): void {
    this.stopped = true;
    this.generation++;
    this.clearRetry();
    this.closeEvents();
  }

  getStatus(): EngineStatus {
    return this.status;
  }

  getEndpoint(): Endpoint | null {
    return this.endpoint;
  }

  /** The connected client; throws NotConnectedError so handlers fail as data, not crashes. */
  client(): Docker {
    if (!this.docker || this.status.state !== 'connected') {
      const why = this.status.state === 'unreachable' ? this.status.message : 'The engine connection is being set up.';
      throw new NotConnectedError(why);
    }
    return this.docker;
  }

  onStatus(cb: (s: EngineStatus) => void): () => void {
    this.statusListeners.add(cb);
    return () => this.statusListeners.delete(cb);
  }

  onEvent(cb: (e: EngineEvent) => void): () => void {
    this.eventListeners.add(cb);
    return () => this.eventListeners.delete(cb);
  }

  /** Number of listeners, for leak checks in tests and benchmarks. */
  listenerCounts(): { status: number; events: number } {
    return { status: this.statusListeners.size, events: this.eventListeners.size };
  }

  /** The environment the endpoint is resolved from (the switcher lists contexts from it). */
  getEndpointEnv(): EndpointEnv {
    return this.env;
  }

  /**
   * Switches engines (the switcher): a typed address or a local socket, a docker context with its
   * own TLS settings, or back to the configured one. Throws EndpointError on a bad address or an
   * unknown context, before anything changes; a switch is always reversible with `{configured}`.
   */
  async switchTo(target: string | EngineSwitchTarget): Promise<EngineStatus> {
    const t: EngineSwitchTarget = typeof target === 'string' ? { url: target } : target;
    if ('configured' in t) this.override = null;
    else if ('context' in t) this.override = contextEndpoint(t.context, this.env, 'switcher');
    else this.override = { ...parseHostUrl(t.url, 'Engine address', this.env), source: 'switcher' };
    return this.connect();
  }

  /** Called by handlers when a call failed because the engine vanished. */
  reportConnectionLost(message: string): void {
    if (this.status.state !== 'connected') return;
    this.markUnreachable(this.endpoint, message, 'refused');
  }

  private async connect(): Promise<EngineStatus> {
    const gen = ++this.generation;
    this.clearRetry();
    this.closeEvents();
    let endpoint: Endpoint;
    try {
      endpoint = this.override ?? resolveEndpoint(this.env);
    } catch (err) {
      if (err instanceof EndpointError) {
        this.docker = null;
        this.endpoint = null;
        this.setStatus({ state: 'unreachable', endpoint: null, message: err.message, hint: err.hint, reason: 'bad-config' });
        return this.status;
      }
      throw err;
    }
    this.endpoint = endpoint;
    if (this.status.state !== 'connected') this.setStatus({ state: 'connecting', endpoint: publicEndpoint(endpoint) });
    let docker: Docker;
    try {
      docker = createDockerClient(endpoint);
    } catch (err) {
      if (!(err instanceof EndpointError)) throw err;
      // Unreadable TLS files: say which file and which setting; retrying cannot fix it, but the
      // user may fix the file, so keep trying quietly.
      this.docker = null;
      this.markUnreachable(endpoint, err.message, 'bad-config', err.hint);
      return this.status;
    }
    try {
      await withTimeout(docker.ping(), this.pingTimeoutMs, 'ETIMEDOUT');
      const [info, version] = await Promise.all([docker.info(), docker.version()]);
      if (gen !== this.generation) return this.status;
      this.docker = docker;
      this.retryIndex = 0;
      this.openEvents(docker, gen);
      this.setStatus({ state: 'connected', endpoint: publicEndpoint(endpoint), info: toEngineInfo(info, version) });
    } catch (err) {
      if (gen !== this.generation) return this.status;
      this.docker = null;
      const { message, hint, reason, hostKey } = describeConnectError(err, endpoint);
      this.markUnreachable(endpoint, message, reason, hint, hostKey);
    }
    return this.status;
  }

  private markUnreachable(endpoint: Endpoint | null, message: string, reason: Extract<EngineStatus, { state: 'unreachable' }>['reason'], hint?: string, hostKey?: SshHostKeyPrompt): void {
    this.closeEvents();
    this.setStatus({
      state: 'unreachable',
      endpoint: endpoint ? publicEndpoint(endpoint) : null,
      message,
      hint: hint ?? startHint(this.env.platform),
      reason,
      ...(hostKey ? { hostKey } : {}),
    });
    // Retrying cannot fix a host key or a refused login: wait for the user (reconnect()).
    if (!NEEDS_USER.has(reason)) this.scheduleRetry();
  }

  /** Tries the current endpoint again now (after the user fixed something, e.g. trusted a host key). */
  async reconnect(): Promise<EngineStatus> {
    return this.connect();
  }

  private scheduleRetry(): void {
    if (this.stopped || this.retryTimer) return;
    const delay = this.retryDelaysMs[Math.min(this.retryIndex, this.retryDelaysMs.length - 1)] ?? 3000;
    this.retryIndex++;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      if (!this.stopped) void this.connect();
    }, delay);
    this.retryTimer.unref?.();
  }

  private clearRetry(): void {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
  }

  private openEvents(docker: Docker, gen: number): void {
    const abort = new AbortController();
    this.eventsAbort = abort;
    docker.getEvents({ abortSignal: abort.signal } as Docker.GetEventsOptions, (err, stream) => {
      if (gen !== this.generation || abort.signal.aborted) {
        (stream as unknown as { destroy?: () => void } | undefined)?.destroy?.();
        return;
      }
      if (err || !stream) {
        this.markUnreachable(this.endpoint, `The engine's event stream failed: ${(err as Error | undefined)?.message ?? 'no stream'}`, 'refused');
        return;
      }
      this.eventsStream = stream;
      const lines = new LineSplitter();
      stream.on('data', (chunk: Buffer) => {
        for (const line of lines.push(chunk)) {
          const ev = parseEngineEvent(line);
          if (ev) for (const cb of [...this.eventListeners]) cb(ev);
        }
      });
      const lost = () => {
        if (gen !== this.generation || abort.signal.aborted) return;
        this.markUnreachable(this.endpoint, 'The engine stopped answering (its event stream closed).', 'refused');
      };
      stream.on('error', lost);
      stream.on('end', lost);
      stream.on('close', lost);
    });
  }

  private closeEvents(): void {
    this.eventsAbort?.abort();
    this.eventsAbort = null;
    const s = this.eventsStream as unknown as { destroy?: () => void } | null;
    this.eventsStream = null;
    s?.destroy?.();
  }

  private setStatus(s: EngineStatus): void {
    this.status = s;
    for (const cb of [...this.statusListeners]) cb(s);
  }
}

/** Failures retrying cannot fix: main waits for the user (the disconnected view says what to do). */
export const NEEDS_USER: ReadonlySet<string> = new Set<string>(['host-key-unknown', 'host-key-changed', 'auth']);

export function publicEndpoint(e: Endpoint): EngineStatus['endpoint'] & object {
  return {
    url: e.url,
    source: e.source,
    ...(e.context ? { context: e.context } : {}),
    ...(e.tls ? { tls: e.tls.verify ? ('verify' as const) : ('skip-verify' as const) } : {}),
  };
}

function withTimeout<T>(p: Promise<T>, ms: number, code: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const t = setTimeout(() => reject(Object.assign(new Error(`no answer within ${ms} ms`), { code })), ms);
    p.then(
      (v) => {
        clearTimeout(t);
        resolve(v);
      },
      (e: unknown) => {
        clearTimeout(t);
        reject(e);
      },
    );
  });
}

function startHint(platform: NodeJS.Platform): string {
  if (platform === 'linux') return 'Start the engine: `sudo systemctl start docker` (or start Docker Desktop / Podman).';
  return 'Start Docker Desktop (or your engine: Podman, Colima, Rancher Desktop) and wait until it says it is running.';
}

/** Maps a failed connection attempt to words a learner can act on. */
export function describeConnectError(
  err: unknown,
  endpoint: Pick<Endpoint, 'url' | 'socketPath'>,
  platform: NodeJS.Platform = process.platform,
): { message: string; hint: string; reason: Extract<EngineStatus, { state: 'unreachable' }>['reason']; hostKey?: SshHostKeyPrompt } {
  if (err instanceof SshConnectError) return { message: err.message, hint: err.hint, reason: err.reason, ...(err.hostKey ? { hostKey: err.hostKey } : {}) };
  const code = (err as { code?: string } | undefined)?.code;
  const where = endpoint.socketPath ?? endpoint.url;
  switch (code) {
    case 'ENOENT':
      return { reason: 'no-socket', message: `No engine socket at ${where}.`, hint: startHint(platform) };
    case 'EACCES':
    case 'EPERM':
      return {
        reason: 'permission',
        message: `Permission denied on ${where}.`,
        hint: 'Add your user to the docker group: `sudo usermod -aG docker $USER`, then log out and back in.',
      };
    case 'ECONNREFUSED':
      return { reason: 'refused', message: `Nothing answers at ${endpoint.url} (connection refused).`, hint: startHint(platform) };
    case 'ETIMEDOUT':
      return { reason: 'timeout', message: `The engine at ${endpoint.url} did not answer in time.`, hint: 'Check that the engine is running and the address is right.' };
    default:
      return {
        reason: 'other',
        message: `Could not talk to the engine at ${endpoint.url}: ${(err as Error | undefined)?.message ?? String(err)}`,
        hint: startHint(platform),
      };
  }
}

interface RawInfo {
  OperatingSystem?: string;
  OSType?: string;
  Architecture?: string;
  KernelVersion?: string;
  NCPU?: number;
  MemTotal?: number;
  ContainersRunning?: number;
  ContainersPaused?: number;
  ContainersStopped?: number;
  Images?: number;
  CgroupVersion?: string;
  Driver?: string;
  Name?: string;
}
interface RawVersion {
  Version?: string;
  ApiVersion?: string;
  Platform?: { Name?: string };
  Components?: { Name?: string }[];
}

export function engineName(info: RawInfo, version: RawVersion): string {
  const platform = version.Platform?.Name ?? '';
  const components = (version.Components ?? []).map((c) => c.Name ?? '').join(' ');
  if (/podman/i.test(platform) || /podman/i.test(components)) return 'Podman';
  if (/docker desktop/i.test(info.OperatingSystem ?? '') || /docker desktop/i.test(platform)) return 'Docker Desktop';
  if (/colima/i.test(info.Name ?? '')) return 'Colima';
  if (/rancher/i.test(info.OperatingSystem ?? '') || /rancher/i.test(info.Name ?? '')) return 'Rancher Desktop';
  return 'Docker Engine';
}

export function toEngineInfo(info: RawInfo, version: RawVersion): EngineInfo {
  return {
    name: engineName(info, version),
    version: version.Version ?? 'unknown',
    apiVersion: version.ApiVersion ?? 'unknown',
    os: info.OperatingSystem ?? 'unknown',
    osType: info.OSType ?? 'unknown',
    arch: info.Architecture ?? 'unknown',
    kernelVersion: info.KernelVersion ?? '',
    cpus: info.NCPU ?? 0,
    memoryBytes: info.MemTotal ?? 0,
    containers: { running: info.ContainersRunning ?? 0, paused: info.ContainersPaused ?? 0, stopped: info.ContainersStopped ?? 0 },
    images: info.Images ?? 0,
    cgroupVersion: info.CgroupVersion ?? '1',
    storageDriver: info.Driver ?? '',
  };
}
