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

const lessonId = z.string().min(1, 'must not be empty').max(80, 'is too long').regex(/^[a-z0-9][a-z0-9-]*$/, 'is not a lesson id');

/** A lesson as the course overview lists it. */
export interface LessonSummary {
  id: string;
  title: string;
  order: number;
  summary: string;
  /** The live view the lesson sits beside. */
  view: 'containers' | 'stats' | 'images' | 'build' | 'volumes' | 'networks' | 'lessons';
  viewParams?: Record<string, unknown>;
  tasks: { id: string; title: string; hint?: string }[];
  quizCount: number;
}

/** A whole lesson: Markdown body, tasks, and quiz questions (without their answers). */
export interface LessonDetail extends LessonSummary {
  body: string;
  quiz: { question: string; choices: string[] }[];
}

/** One task's state: `met` is the engine's state right now, `done` is sticky once met. */
export interface LessonTaskState {
  met: boolean;
  done: boolean;
  /** ISO time the task was first met on this engine. */
  doneAt?: string;
  /** What the check found, or what is missing. */
  detail: string;
}

export interface LessonProgress {
  tasks: Record<string, LessonTaskState>;
  /** Quiz question index -> answered correctly (only answered questions appear). */
  quiz: Record<string, boolean>;
}

export interface LessonProgressEvent {
  /** Which engine the progress belongs to (endpoint URL and engine ID). */
  engine: string;
  lessons: Record<string, LessonProgress>;
  /** ISO time of the evaluation. */
  evaluatedAt: string;
}

const lessonCalls = {
  'lessons:list': z.object({}).strict(),
  'lessons:get': z.object({ id: lessonId }).strict(),
  /** Answers one quiz question; main judges it and records the result for this engine. */
  'lessons:answer': z
    .object({
      lessonId,
      question: z.number({ error: 'question must be a number' }).int().min(0, 'question must be 0 or more'),
      choice: z.number({ error: 'choice must be a number' }).int().min(0, 'choice must be 0 or more'),
    })
    .strict(),
  /** Forgets saved progress on the current engine: one lesson, or all when lessonId is omitted. */
  'lessons:reset': z.object({ lessonId: lessonId.optional() }).strict(),
};

interface LessonResults {
  'lessons:list': LessonSummary[];
  'lessons:get': LessonDetail;
  'lessons:answer': { correct: boolean; answer: number; explain: string };
  'lessons:reset': { engine: string };
}

const lessonSubscriptions = {
  /** Task states of one lesson (or all), re-evaluated when engine events arrive, never on a timer. */
  'lessons:progress': z.object({ lessonId: lessonId.optional() }).strict(),
};

interface LessonEvents {
  'lessons:progress': LessonProgressEvent;
}

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
export { IPC } from './ipc-channels';

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
