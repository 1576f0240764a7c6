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

const text = (max: number) => z.string().max(max, 'is too long');

/** The run dialog's form (see main/workflows/run-spec.ts); checked in depth by validateRunSpec. */
export const runSpecSchema = z
  .object({
    image: text(512),
    name: text(128),
    detach: z.boolean(),
    ports: z
      .array(
        z
          .object({ hostIp: text(64), hostPort: text(8), containerPort: text(8), protocol: z.enum(['tcp', 'udp']) })
          .strict(),
      )
      .max(64),
    env: z.array(text(8192)).max(256),
    volumes: z.array(z.object({ source: text(1024), target: text(1024), readOnly: z.boolean() }).strict()).max(64),
    network: text(128),
    memory: text(32),
    cpus: text(16),
    restart: text(32),
    command: text(8192),
    rm: z.boolean(),
    interactive: z.boolean(),
    tty: z.boolean(),
    labels: z.array(text(1024)).max(128),
  })
  .strict();

const volumeName = z
  .string()
  .regex(/^[a-zA-Z0-9][a-zA-Z0-9_.-]+$/, 'must be at least 2 letters, digits, _ . or -, starting with a letter or digit')
  .max(255, 'is too long');

const workflowCalls = {
  /**
   * Creates and starts a container from the run dialog. A missing image fails with code
   * "not-found" and field "image" (the dialog then offers a pull); if the start fails the
   * created container is removed unless `keepOnFailure`.
   */
  'workflows:run': z.object({ spec: runSpecSchema, keepOnFailure: z.boolean().default(false) }).strict(),
  /** Network names the run dialog suggests (bridge, host, none and user-defined ones). */
  'workflows:networks': z.object({}).strict(),
  'images:list': z.object({}).strict(),
  /** Refused with an explanation when a container uses the image, unless `force`. */
  'images:remove': z.object({ id: engineRef, force: z.boolean().default(false) }).strict(),
  'images:history': z.object({ id: engineRef }).strict(),
  'volumes:list': z.object({}).strict(),
  'volumes:create': z.object({ name: volumeName.optional(), labels: z.record(z.string(), z.string()).optional() }).strict(),
  /** Refused while a container uses the volume. */
  'volumes:remove': z.object({ name: volumeName }).strict(),
  /** A one-off command in a running container (shell words; no pipes). */
  'exec:run': z.object({ id: engineRef, command: z.string().min(1, 'must not be empty').max(4096, 'is too long') }).strict(),
  /** Keystrokes for a live shell opened by the `exec:shell` subscription. */
  'exec:input': z.object({ sessionId: z.string().uuid('is not a shell session id'), data: z.string().max(65536, 'is too long') }).strict(),
  'exec:resize': z
    .object({
      sessionId: z.string().uuid('is not a shell session id'),
      cols: z.number().int().min(1, 'must be at least 1').max(1000),
      rows: z.number().int().min(1, 'must be at least 1').max(1000),
    })
    .strict(),
};

export interface RunResult extends WithCommand {
  id: string;
  name: string;
  /** Attached runs: the output until the container exited (or until the wait ended). */
  output?: { stream: 'stdout' | 'stderr'; text: string }[];
  /** Attached runs: the exit code, or null when still running when the wait ended. */
  exitCode?: number | null;
}

export interface ImageSummary {
  id: string;
  /** Every repository:tag naming this image; empty for a dangling image. */
  repoTags: string[];
  repoDigests: string[];
  size: number;
  /** Unix seconds. */
  created: number;
  dangling: boolean;
  /** Names of the containers (any state) created from this image. */
  containers: string[];
  labels: Record<string, string>;
}

export interface ImageLayer {
  id: string;
  /** Unix seconds. */
  created: number;
  createdBy: string;
  size: number;
  tags: string[];
  comment: string;
}

export interface VolumeSummary {
  name: string;
  driver: string;
  mountpoint: string;
  created: string;
  labels: Record<string, string>;
  /** Names of the containers (any state) that mount it. */
  containers: string[];
}

export interface ExecOutput extends WithCommand {
  /** In arrival order, stdout and stderr told apart. */
  chunks: { stream: 'stdout' | 'stderr'; text: string }[];
  exitCode: number | null;
  /** True when the output was cut at the size limit. */
  truncated: boolean;
}

interface WorkflowResults {
  'workflows:run': RunResult;
  'workflows:networks': string[];
  'images:list': ImageSummary[];
  'images:remove': WithCommand & { deleted: string[]; untagged: string[] };
  'images:history': WithCommand & { layers: ImageLayer[] };
  'volumes:list': VolumeSummary[];
  'volumes:create': WithCommand & { name: string };
  'volumes:remove': WithCommand;
  'exec:run': ExecOutput;
  'exec:input': { ok: true };
  'exec:resize': { ok: true };
}

const workflowSubscriptions = {
  /** The image list, re-sent on the engine's image (and container) events. */
  'images:list': z.object({}).strict(),
  /** Pulls an image; progress events until `done`. Unsubscribe cancels the pull. */
  'images:pull': z.object({ reference: z.string().min(1, 'must not be empty').max(512, 'is too long') }).strict(),
  'volumes:list': z.object({}).strict(),
  /** A live shell (bash if the container has it, else sh) with a TTY. Unsubscribe ends it. */
  'exec:shell': z
    .object({ id: engineRef, cols: z.number().int().min(1).max(1000).default(80), rows: z.number().int().min(1).max(1000).default(24) })
    .strict(),
};

export interface PullEvent extends WithCommand {
  reference: string;
  progress: {
    layers: { id: string; status: string; current: number; total: number; done: boolean }[];
    overall: number | null;
    message: string;
    error: string | null;
  };
  done: boolean;
}

export type ShellEvent =
  | ({ type: 'started'; sessionId: string; shell: string } & WithCommand)
  /** Terminal output, base64 (a TTY stream is bytes, not always whole UTF-8 characters). */
  | { type: 'output'; data: string }
  | { type: 'exit'; exitCode: number | null };

interface WorkflowEvents {
  'images:list': ImageSummary[];
  'images:pull': PullEvent;
  'volumes:list': VolumeSummary[];
  'exec:shell': ShellEvent;
}

// ---------------------------------------------------------------------------------------------
// Stats, logs, top, limits (debug views)
// ---------------------------------------------------------------------------------------------

const debugCalls = {};
interface DebugResults {}
const debugSubscriptions = {};
interface DebugEvents {}

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
