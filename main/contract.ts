/**
 * The one contract between the main side (engine service) and the renderer.
 *
 * Every call (`domain:verb`, request/response) and every subscription (a stream of events
 * identified by a subscription id) is declared here once: its argument schema (zod, used by
 * main to validate whatever crosses the boundary) and its result / event type. The renderer
 * imports this file with `import type` only, so no schema code ends up in the bundle.
 *
 * Each domain has its own section so features can grow without touching each other.
 */
import { z } from 'zod';

// ---------------------------------------------------------------------------------------------
// Shared pieces
// ---------------------------------------------------------------------------------------------

/** A container, image, volume or network reference: id (full or short) or name. */
export const engineRef = z
  .string()
  .min(1, 'must not be empty')
  .max(256, 'is too long')
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.:/@-]*$/, 'is not a valid id or name');

/** An error as it crosses the boundary: data, not an exception, with the engine's own words. */
export interface ApiError {
  /** Human-readable message, e.g. the engine's "port is already allocated". */
  message: string;
  /** A stable code for the renderer to branch on. */
  code: 'invalid-argument' | 'engine' | 'not-connected' | 'not-found' | 'conflict' | 'forbidden' | 'internal';
  /** The argument field the error concerns, when there is one (e.g. "ports.0.hostPort"). */
  field?: string;
  /** HTTP status from the engine, when the engine produced the error. */
  statusCode?: number;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: ApiError };

/** The `docker ...` command equivalent to an action, shown to the learner. */
export interface WithCommand {
  command: string;
}

// ---------------------------------------------------------------------------------------------
// Engine
// ---------------------------------------------------------------------------------------------

export interface EngineEndpointInfo {
  /** e.g. unix:///var/run/docker.sock, tcp://10.0.0.2:2376, ssh://me@host */
  url: string;
  /** Where the endpoint came from, in the docker CLI's order of precedence. */
  source: 'DOCKER_HOST' | 'DOCKER_CONTEXT' | 'config-context' | 'default' | 'switcher';
  /** The docker context name when the endpoint came from a context. */
  context?: string;
}

export interface EngineInfo {
  /** "Docker Engine", "Docker Desktop", "Podman", ... */
  name: string;
  version: string;
  apiVersion: string;
  os: string;
  osType: string;
  arch: string;
  kernelVersion: string;
  cpus: number;
  memoryBytes: number;
  containers: { running: number; paused: number; stopped: number };
  images: number;
  cgroupVersion: string;
  storageDriver: string;
}

export type EngineStatus =
  | { state: 'connecting'; endpoint: EngineEndpointInfo | null }
  | { state: 'connected'; endpoint: EngineEndpointInfo; info: EngineInfo }
  | {
      state: 'unreachable';
      endpoint: EngineEndpointInfo | null;
      /** What went wrong, in words. */
      message: string;
      /** What the learner can do about it. */
      hint: string;
      reason: 'bad-config' | 'no-socket' | 'permission' | 'refused' | 'timeout' | 'other';
    };

export interface EngineCandidate {
  url: string;
  label: string;
  /** True when the engine answered a ping just now. */
  reachable: boolean;
  current: boolean;
}

const engineCalls = {
  /** Current connection status (also pushed by `engine:status` subscription). */
  'engine:status': z.object({}).strict(),
  /** Local engines that answer (Docker, Podman, Colima, Rancher Desktop) plus the configured one. */
  'engine:candidates': z.object({}).strict(),
  /** Switch to another engine endpoint (from `engine:candidates`, or typed by the user). */
  'engine:switch': z.object({ url: z.string().min(1, 'must not be empty').max(2048) }).strict(),
};

interface EngineResults {
  'engine:status': EngineStatus;
  'engine:candidates': EngineCandidate[];
  'engine:switch': EngineStatus;
}

const engineSubscriptions = {
  /** Pushes the status whenever it changes (connect, disconnect, reconnect). */
  'engine:status': z.object({}).strict(),
  /** Raw engine events (container, image, volume, network), for views that react to them. */
  'engine:events': z
    .object({ types: z.array(z.enum(['container', 'image', 'volume', 'network'])).optional() })
    .strict(),
};

export interface EngineEvent {
  type: string;
  action: string;
  id: string;
  attributes: Record<string, string>;
  /** Unix nanoseconds as reported by the engine. */
  timeNano: number;
}

interface EngineEvents {
  'engine:status': EngineStatus;
  'engine:events': EngineEvent;
}

// ---------------------------------------------------------------------------------------------
// Containers
// ---------------------------------------------------------------------------------------------

export interface PortMapping {
  hostIp?: string;
  hostPort?: number;
  containerPort: number;
  protocol: 'tcp' | 'udp' | 'sctp';
}

export interface ContainerSummary {
  id: string;
  name: string;
  image: string;
  imageId: string;
  command: string;
  state: 'created' | 'running' | 'paused' | 'restarting' | 'removing' | 'exited' | 'dead';
  /** The engine's status text, e.g. "Up 3 minutes", "Exited (137) 2 seconds ago". */
  status: string;
  ports: PortMapping[];
  /** Unix seconds. */
  created: number;
  labels: Record<string, string>;
  networks: string[];
  mounts: { type: string; name?: string; source: string; destination: string }[];
}

const containerCalls = {
  'containers:list': z.object({ all: z.boolean().default(true) }).strict(),
  'containers:inspect': z.object({ id: engineRef }).strict(),
  'containers:start': z.object({ id: engineRef }).strict(),
  /** SIGTERM, then the engine sends SIGKILL after `timeoutSeconds`. */
  'containers:stop': z.object({ id: engineRef, timeoutSeconds: z.number().int().min(0).max(3600).optional() }).strict(),
  'containers:kill': z.object({ id: engineRef, signal: z.string().regex(/^(SIG)?[A-Z0-9]+$/).optional() }).strict(),
  'containers:restart': z
    .object({ id: engineRef, timeoutSeconds: z.number().int().min(0).max(3600).optional() })
    .strict(),
  /** Removing a running container needs `force: true`; volumes are removed only when asked. */
  'containers:remove': z
    .object({ id: engineRef, force: z.boolean().default(false), removeVolumes: z.boolean().default(false) })
    .strict(),
};

interface ContainerResults {
  'containers:list': ContainerSummary[];
  /** The engine's inspect document, as is. */
  'containers:inspect': Record<string, unknown>;
  'containers:start': WithCommand;
  'containers:stop': WithCommand;
  'containers:kill': WithCommand;
  'containers:restart': WithCommand;
  'containers:remove': WithCommand;
}

const containerSubscriptions = {
  /** The container list, re-sent whenever the engine's events say it changed. */
  'containers:watch': z.object({ all: z.boolean().default(true) }).strict(),
};

interface ContainerEvents {
  'containers:watch': ContainerSummary[];
}

// ---------------------------------------------------------------------------------------------
// Images, volumes, exec (container workflows)
// ---------------------------------------------------------------------------------------------

const workflowCalls = {};
interface WorkflowResults {}
const workflowSubscriptions = {};
interface WorkflowEvents {}

// ---------------------------------------------------------------------------------------------
// Stats, logs, top, limits (debug views)
// ---------------------------------------------------------------------------------------------

/** Computed values of one stats sample, with the docker CLI's formulas (see main/debug/stats-formulas.ts). */
export interface StatsValues {
  /** Unix milliseconds of the engine's `read` time. */
  time: number;
  /** 100 % = one full CPU core; up to onlineCpus * 100. */
  cpuPercent: number;
  onlineCpus: number;
  /** Bytes used, page cache that can be dropped (inactive_file) left out, as `docker stats`. */
  memoryUsed: number;
  /** The container's memory limit in bytes, or null when it has none (the engine reports host memory). */
  memoryLimit: number | null;
  /** The limit the engine reports (host memory when unlimited), used for MEM % like `docker stats`. */
  memoryLimitReported: number;
  memoryPercent: number;
  /** Totals since the container started (bytes). */
  netRx: number;
  netTx: number;
  blockRead: number;
  blockWrite: number;
  /** Bytes per second since the previous sample (0 on the first). */
  netRxRate: number;
  netTxRate: number;
  blockReadRate: number;
  blockWriteRate: number;
  pids: number;
}

export interface StatsSampleEvent extends StatsValues {
  id: string;
  name: string;
}

/** One batch a second for every container of a `stats:watch` subscription. */
export interface StatsBatch {
  samples: StatsSampleEvent[];
  /** Containers whose stream ended (stopped, removed) since the last batch. */
  ended: string[];
  /** Per-container stream errors since the last batch. */
  errors: { id: string; message: string }[];
}

export interface LogLine {
  /** 1 = stdout, 2 = stderr (TTY containers: everything is stdout). */
  stream: 1 | 2;
  text: string;
  /** RFC 3339 timestamp from the engine, when asked for. */
  ts?: string;
}

/**
 * Lines batched a few times a second; past the per-batch cap the oldest lines are dropped (counted).
 * Packed as one string (lines joined by "\n") rather than one object per line: serializing and
 * parsing a million small objects is what made the transfer slow. See main/debug/log-batch.ts.
 */
export interface LogBatch {
  /** The lines of this batch joined by "\n" (a line never holds a newline). */
  text: string;
  count: number;
  /** Indexes (in this batch) of the lines that came from stderr. */
  stderr: number[];
  /** Engine timestamps, one per line, when asked for. */
  ts?: string[];
  /** Lines received from the engine but not sent, in this batch (too fast for the view). */
  dropped: number;
  /** Lines received from the engine so far on this subscription. */
  total: number;
  /** True once the stream ended (container stopped and not following any more). */
  ended?: boolean;
}

export interface TopResult {
  running: boolean;
  titles: string[];
  processes: string[][];
  command: string;
}

export interface ContainerLimits {
  id: string;
  name: string;
  running: boolean;
  /** Bytes; 0 = unlimited. */
  memory: number;
  /** Bytes of memory + swap; 0 = not set (engine default), -1 = unlimited swap. */
  memorySwap: number;
  /** Billionths of a CPU; 0 = unlimited. */
  nanoCpus: number;
  oomKilled: boolean;
  exitCode: number;
}

/** "64m", "1g", "512k", "1048576" (bytes). */
const memorySize = z
  .string()
  .trim()
  .regex(/^\d+(\.\d+)?\s*[bkmgBKMG]?$/, 'must be a size like 64m, 512k or 1g');

const debugCalls = {
  /** `docker top`: processes of a running container. */
  'top:list': z.object({ id: engineRef, psArgs: z.string().regex(/^[A-Za-z -]*$/, 'must be plain ps options like -ef').max(40).optional() }).strict(),
  'limits:get': z.object({ id: engineRef }).strict(),
  /** `docker update --memory --memory-swap --cpus`. At least one of the three. */
  'limits:update': z
    .object({
      id: engineRef,
      memory: memorySize.optional(),
      /** "-1" for unlimited swap; default: twice the memory (memory + the same again as swap). */
      memorySwap: z.union([memorySize, z.literal('-1')]).optional(),
      cpus: z.number({ message: 'must be a number of CPUs like 0.5' }).min(0.01, 'must be at least 0.01').max(1024, 'is too large').optional(),
    })
    .strict(),
  /** Streams `docker logs` (not following) into a file; returns where. */
  'logs:save': z
    .object({
      id: engineRef,
      /** Absolute path of the file to write; default: a new file in the app's data folder. */
      path: z.string().max(4096).optional(),
      timestamps: z.boolean().default(false),
    })
    .strict(),
};

interface DebugResults {
  'top:list': TopResult;
  'limits:get': ContainerLimits;
  'limits:update': ContainerLimits & WithCommand;
  'logs:save': { path: string; bytes: number; lines: number } & WithCommand;
}

const debugSubscriptions = {
  /** One engine stats stream per id, computed in main, sent as one batch about once a second. */
  'stats:watch': z.object({ ids: z.array(engineRef).max(200, 'at most 200 containers at once') }).strict(),
  /** Follows a container's log: demultiplexed, batched, bounded. */
  'logs:follow': z
    .object({
      id: engineRef,
      /** Last N lines first ("all" = the whole log). */
      tail: z.union([z.number().int().min(0, 'must be 0 or more').max(10_000_000), z.literal('all')]).default(1000),
      /** Unix seconds: only lines after this time. */
      since: z.number().int().min(0, 'must be a time after 1970').optional(),
      timestamps: z.boolean().default(false),
      follow: z.boolean().default(true),
    })
    .strict(),
};

interface DebugEvents {
  'stats:watch': StatsBatch;
  'logs:follow': LogBatch;
}

// ---------------------------------------------------------------------------------------------
// Networks and the load-balancer lab
// ---------------------------------------------------------------------------------------------

const networkCalls = {};
interface NetworkResults {}
const networkSubscriptions = {};
interface NetworkEvents {}

// ---------------------------------------------------------------------------------------------
// Lessons and progress
// ---------------------------------------------------------------------------------------------

const lessonCalls = {};
interface LessonResults {}
const lessonSubscriptions = {};
interface LessonEvents {}

// ---------------------------------------------------------------------------------------------
// Build, tags, registries, pipeline
// ---------------------------------------------------------------------------------------------

const publishCalls = {};
interface PublishResults {}
const publishSubscriptions = {};
interface PublishEvents {}

// ---------------------------------------------------------------------------------------------
// The whole contract
// ---------------------------------------------------------------------------------------------

export const callSchemas = {
  ...engineCalls,
  ...containerCalls,
  ...workflowCalls,
  ...debugCalls,
  ...networkCalls,
  ...lessonCalls,
  ...publishCalls,
} satisfies Record<string, z.ZodType>;

export const subscriptionSchemas = {
  ...engineSubscriptions,
  ...containerSubscriptions,
  ...workflowSubscriptions,
  ...debugSubscriptions,
  ...networkSubscriptions,
  ...lessonSubscriptions,
  ...publishSubscriptions,
} satisfies Record<string, z.ZodType>;

export type CallName = keyof typeof callSchemas;
export type SubscriptionName = keyof typeof subscriptionSchemas;

/** What the caller passes (defaults may be omitted). */
export type CallArgs<N extends CallName> = z.input<(typeof callSchemas)[N]>;
/** What the handler receives after validation (defaults filled in). */
export type ParsedCallArgs<N extends CallName> = z.output<(typeof callSchemas)[N]>;
export type SubscriptionArgs<N extends SubscriptionName> = z.input<(typeof subscriptionSchemas)[N]>;
export type ParsedSubscriptionArgs<N extends SubscriptionName> = z.output<(typeof subscriptionSchemas)[N]>;

export interface CallResults
  extends EngineResults,
    ContainerResults,
    WorkflowResults,
    DebugResults,
    NetworkResults,
    LessonResults,
    PublishResults {}

export interface SubscriptionEvents
  extends EngineEvents,
    ContainerEvents,
    WorkflowEvents,
    DebugEvents,
    NetworkEvents,
    LessonEvents,
    PublishEvents {}

export type CallResult<N extends CallName> = CallResults[N];
export type SubscriptionEvent<N extends SubscriptionName> = SubscriptionEvents[N];

/**
 * The API the renderer sees, identical over Electron IPC and the browser-mode WebSocket.
 * `subscribe` resolves to an unsubscribe function once main has opened the stream.
 */
export interface DocksideApi {
  invoke<N extends CallName>(name: N, args: CallArgs<N>): Promise<Result<CallResult<N>>>;
  subscribe<N extends SubscriptionName>(
    name: N,
    args: SubscriptionArgs<N>,
    onEvent: (event: SubscriptionEvent<N>) => void,
    onError?: (error: ApiError) => void,
  ): Promise<() => void>;
}

/** Channel names used by the Electron transport. */
export const IPC = {
  invoke: 'dockside:invoke',
  subscribe: 'dockside:subscribe',
  unsubscribe: 'dockside:unsubscribe',
  event: 'dockside:event',
} as const;

/** Messages of the browser-mode WebSocket transport. */
export type ClientMessage =
  | { type: 'invoke'; reqId: number; name: string; args: unknown }
  | { type: 'subscribe'; reqId: number; name: string; args: unknown }
  | { type: 'unsubscribe'; subId: string };

export type ServerMessage =
  | { type: 'result'; reqId: number; result: Result<unknown> }
  | { type: 'subscribed'; reqId: number; result: Result<string> }
  | { type: 'event'; subId: string; event: unknown }
  | { type: 'sub-error'; subId: string; error: ApiError };
