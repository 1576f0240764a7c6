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
// Plain values shared with the renderer (no zod there); never import from a feature folder here.
import { labPolicies, type LabPolicy } from './contract-values';

// ---------------------------------------------------------------------------------------------
// Shared pieces
// ---------------------------------------------------------------------------------------------

// Engine references follow the engine's own formats (moby's container-name rule, hex ids,
// distribution/reference for images), so nothing like "web//1" or "../.." ever reaches a path.
const hexId = '[a-f0-9]{1,64}';
const objectName = '[a-zA-Z0-9][a-zA-Z0-9_.-]+';
const domainPart = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const domain = `${domainPart}(?:\\.${domainPart})*(?::[0-9]{1,5})?`;
const pathComponent = '[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*';
const repository = `(?:${domain}/)?${pathComponent}(?:/${pathComponent})*`;
const tag = '[\\w][\\w.-]{0,127}';
const digest = '[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9A-Fa-f]{32,}';

/** A container: id (1-64 hex digits) or name ([a-zA-Z0-9][a-zA-Z0-9_.-]+, the engine's rule). */
export const containerRef = z
  .string()
  .min(1, 'must not be empty')
  .max(255, 'is too long')
  .regex(new RegExp(`^(?:${hexId}|${objectName})$`), 'is not a container id or name');

/** A network: id or name (same rule as containers). */
export const networkRef = z
  .string()
  .min(1, 'must not be empty')
  .max(255, 'is too long')
  .regex(new RegExp(`^(?:${hexId}|${objectName})$`), 'is not a network id or name');

/** A repository name as distribution/reference reads it: [host[:port]/]path, lower-case path components. */
export const repositoryName = z
  .string()
  .min(1, 'must not be empty')
  .max(255, 'is too long')
  .regex(new RegExp(`^${repository}$`), 'is not a valid repository name (lower-case path, optional registry host:port)');

/** An image: id ("sha256:" + 64 hex, or a short hex id) or reference NAME[:TAG][@DIGEST]. */
export const imageRef = z
  .string()
  .min(1, 'must not be empty')
  .max(512, 'is too long')
  .regex(new RegExp(`^(?:sha256:[a-f0-9]{64}|${repository}(?::${tag})?(?:@${digest})?)$`), 'is not an image id or reference (name[:tag][@digest])');

/** A container, image, volume or network reference: any of the formats above. */
export const engineRef = z
  .string()
  .min(1, 'must not be empty')
  .max(512, 'is too long')
  .regex(new RegExp(`^(?:${hexId}|${objectName}|sha256:[a-f0-9]{64}|${repository}(?::${tag})?(?:@${digest})?)$`), 'is not a valid id or name');

/** An error as it crosses the boundary: data, not an exception, with the engine's own words. */
export interface ApiError {
  /** Human-readable message, e.g. the engine's "port is already allocated". */
  message: string;
  /** A stable code for the renderer to branch on. */
  code: 'invalid-argument' | 'engine' | 'not-connected' | 'not-found' | 'conflict' | 'forbidden' | 'internal' | 'limit';
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
  /** TLS in use: the server's certificate checked ('verify') or not ('skip-verify'). */
  tls?: 'verify' | 'skip-verify';
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
      reason: 'bad-config' | 'no-socket' | 'permission' | 'refused' | 'timeout' | 'other' | SshFailure;
      /** An ssh host whose key is not in known_hosts yet: the learner may trust it (`ssh:trust-host-key`). */
      hostKey?: SshHostKeyPrompt;
    };

export interface EngineCandidate {
  url: string;
  label: string;
  /** True when the engine answered a ping just now. */
  reachable: boolean;
  current: boolean;
  /** Where it comes from: the configured endpoint (environment / current context), a docker context, a local socket. */
  kind: 'configured' | 'context' | 'socket' | 'current';
  /** The docker context name, for kind 'context'. */
  context?: string;
  tls?: 'verify' | 'skip-verify';
  /** Why it cannot be used as is (e.g. a TLS file that cannot be read), in words naming the file. */
  problem?: string;
  /** What to pass to `engine:switch` to use it (keeps its TLS settings). */
  target: EngineSwitchTarget;
}

/** One of: an address (TLS from DOCKER_TLS_VERIFY/DOCKER_CERT_PATH, like the CLI), a docker context, or back to the configured engine. */
export type EngineSwitchTarget = { url: string } | { context: string } | { configured: true };

const engineCalls = {
  /** Current connection status (also pushed by `engine:status` subscription). */
  'engine:status': z.object({}).strict(),
  /** Local engines that answer (Docker, Podman, Colima, Rancher Desktop) plus the configured one. */
  'engine:candidates': z.object({}).strict(),
  /** Switch to another engine endpoint (from `engine:candidates`, or typed by the user). */
  'engine:switch': z.union([
    z.object({ url: z.string().min(1, 'must not be empty').max(2048) }).strict(),
    z.object({ context: z.string().min(1, 'must not be empty').max(256) }).strict(),
    z.object({ configured: z.literal(true) }).strict(),
  ]),
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
  'containers:inspect': z.object({ id: containerRef }).strict(),
  'containers:start': z.object({ id: containerRef }).strict(),
  /** SIGTERM, then the engine sends SIGKILL after `timeoutSeconds`. */
  'containers:stop': z.object({ id: containerRef, timeoutSeconds: z.number().int().min(0).max(3600).optional() }).strict(),
  'containers:kill': z.object({ id: containerRef, signal: z.string().regex(/^(SIG)?[A-Z0-9]+$/).optional() }).strict(),
  'containers:restart': z
    .object({ id: containerRef, timeoutSeconds: z.number().int().min(0).max(3600).optional() })
    .strict(),
  /** Removing a running container needs `force: true`; volumes are removed only when asked. */
  'containers:remove': z
    .object({ id: containerRef, force: z.boolean().default(false), removeVolumes: z.boolean().default(false) })
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
  'images:remove': z.object({ id: imageRef, force: z.boolean().default(false) }).strict(),
  'images:history': z.object({ id: imageRef }).strict(),
  'volumes:list': z.object({}).strict(),
  'volumes:create': z.object({ name: volumeName.optional(), labels: z.record(z.string(), z.string()).optional() }).strict(),
  /** Refused while a container uses the volume. */
  'volumes:remove': z.object({ name: volumeName }).strict(),
  /** A one-off command in a running container (shell words; no pipes). */
  'exec:run': z.object({ id: containerRef, command: z.string().min(1, 'must not be empty').max(4096, 'is too long') }).strict(),
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
  /**
   * Attached runs: the id to subscribe to (`workflows:run-output`) for the output, live from
   * the first byte, and the exit. Returned as soon as the container started.
   */
  outputId?: string;
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
  'images:pull': z.object({ reference: imageRef }).strict(),
  'volumes:list': z.object({}).strict(),
  /** A live shell (bash if the container has it, else sh) with a TTY. Unsubscribe ends it. */
  'exec:shell': z
    .object({ id: containerRef, cols: z.number().int().min(1).max(1000).default(80), rows: z.number().int().min(1).max(1000).default(24) })
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
  /**
   * Lines sent or dropped so far, this batch included: where this batch ends in the log. A view
   * that has seen fewer than `through - count` lines before it lost a batch on the way (a slow
   * socket drops events) and marks that many as a gap, so no hole is ever unmarked.
   */
  through?: number;
  /** True once the stream ended (container stopped and not following any more). */
  ended?: boolean;
  /**
   * Paced by the view (the Logs tab): main sends the next batches only as the view acknowledges
   * these (`logs:ack` with this id and `seq`), so delivery runs as fast as the view can show it,
   * and lines are dropped (counted in `dropped`) only when the view falls far behind. Absent on
   * timer-paced streams (a stack's combined log).
   */
  flow?: string;
  /** 1, 2, 3... on a paced stream: acknowledge the highest one shown. */
  seq?: number;
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
  'top:list': z
    .object({
      id: containerRef,
      psArgs: z.string().regex(/^[A-Za-z -]*$/, 'must be plain ps options like -ef').max(40).optional(),
      /** True for Dockside's own periodic refresh: such a call is background work and never ticks a lesson task. */
      background: z.boolean({ error: 'background must be true or false' }).default(false),
    })
    .strict(),
  'limits:get': z.object({ id: containerRef }).strict(),
  /** `docker update --memory --memory-swap --cpus`. At least one of the three. */
  'limits:update': z
    .object({
      id: containerRef,
      memory: memorySize.optional(),
      /** "-1" for unlimited swap; default: twice the memory (memory + the same again as swap). */
      memorySwap: z.union([memorySize, z.literal('-1')]).optional(),
      cpus: z.number({ message: 'must be a number of CPUs like 0.5' }).min(0.01, 'must be at least 0.01').max(1024, 'is too large').optional(),
    })
    .strict(),
  /**
   * Saves the whole log (`docker logs`, not following). Desktop: main opens the native save
   * dialog (the renderer never names a path). Browser mode: a one-time download URL the server
   * streams. Without either (tests, scripts): a new file in the app's data folder. A file is
   * always created new: never replaced, never through a symlink.
   */
  'logs:save': z
    .object({
      id: containerRef,
      timestamps: z.boolean().default(false),
    })
    .strict(),
  /**
   * The view showed a paced log stream's batches up to `seq` (see LogBatch.flow): main may send
   * more. An unknown or closed flow is answered `{ known: false }` (nothing happens).
   */
  'logs:ack': z
    .object({
      flow: z.string().uuid('must be the flow id of a log batch'),
      seq: z.number().int().min(0, 'must be 0 or more').max(Number.MAX_SAFE_INTEGER),
    })
    .strict(),
};

export type LogsSaveResult = WithCommand &
  (
    | { kind: 'saved'; path: string; bytes: number; lines: number }
    | { kind: 'download'; url: string; fileName: string }
    | { kind: 'cancelled' }
  );

interface DebugResults {
  'top:list': TopResult;
  'limits:get': ContainerLimits;
  'limits:update': ContainerLimits & WithCommand;
  'logs:save': LogsSaveResult;
  'logs:ack': { known: boolean };
}

const debugSubscriptions = {
  /** One engine stats stream per id, computed in main, sent as one batch about once a second. */
  'stats:watch': z.object({ ids: z.array(containerRef).max(100, 'at most 100 containers in one stats stream') }).strict(),
  /** Follows a container's log: demultiplexed, batched, bounded. */
  'logs:follow': z
    .object({
      id: containerRef,
      /** Last N lines first ("all" = the whole log). */
      tail: z.union([z.number().int().min(0, 'must be 0 or more').max(10_000_000), z.literal('all')]).default(1000),
      /** Unix seconds: only lines after this time. */
      since: z.number().int().min(0, 'must be a time after 1970').optional(),
      timestamps: z.boolean().default(false),
      follow: z.boolean().default(true),
      /** The subscriber acknowledges each batch (`logs:ack`) and main paces by that; otherwise a timer paces it (see LogBatch.flow). */
      paced: z.boolean().default(false),
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

/** A container attached to a network, as the networks view and the topology show it. */
export interface NetworkEndpoint {
  containerId: string;
  containerName: string;
  state: ContainerSummary['state'];
  /** e.g. "172.18.0.2/16"; empty while the container is stopped. */
  ipv4: string;
  /** Extra DNS names on this network (the automatic short-id alias left out). */
  aliases: string[];
}

export interface NetworkSummary {
  id: string;
  name: string;
  driver: string;
  scope: string;
  internal: boolean;
  /** bridge, host and none: made by the engine, cannot be removed. */
  builtin: boolean;
  subnets: { subnet: string; gateway?: string }[];
  /** ISO time. */
  created: string;
  labels: Record<string, string>;
  containers: NetworkEndpoint[];
}

/** A network name as `docker network create` accepts it. */
const networkName = z
  .string()
  .min(1, 'Name must not be empty')
  .max(128, 'Name is too long (128 characters at most)')
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, 'Name may hold only letters, digits, "_", "." and "-", and must start with a letter or digit');

const dnsAlias = z
  .string()
  .max(63, 'Alias is too long (63 characters at most)')
  .regex(/^[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?$/, 'Alias may hold only letters, digits and "-" (a DNS name)');

export type { LabPolicy };

const labId = z.string().regex(/^lab-[a-f0-9]{6,12}$/, 'is not a lab id');

const networkCalls = {
  'networks:list': z.object({}).strict(),
  'networks:inspect': z.object({ id: networkRef }).strict(),
  /** A user-defined bridge network; the subnet is optional (the engine picks a free one). */
  'networks:create': z
    .object({
      name: networkName,
      subnet: z.string().max(64).optional(),
      internal: z.boolean().default(false),
      labels: z.record(z.string().regex(/^[A-Za-z0-9._-]+$/, 'Label key may hold only letters, digits, ".", "_" and "-"'), z.string().max(256)).optional(),
    })
    .strict(),
  /** Refused with an explanation while containers are attached. */
  'networks:remove': z.object({ id: networkRef }).strict(),
  'networks:connect': z.object({ network: networkRef, container: containerRef, alias: dnsAlias.optional() }).strict(),
  'networks:disconnect': z.object({ network: networkRef, container: containerRef, force: z.boolean().default(false) }).strict(),
  /** Load-balancer lab: a network, two Caddy file servers and a Caddy load balancer on `hostPort`. */
  'lab:start': z
    .object({
      hostPort: z.number({ message: 'Host port must be a number' }).int('Host port must be a whole number').min(1, 'Host port must be 1 to 65535').max(65535, 'Host port must be 1 to 65535'),
      image: imageRef.default('caddy:latest'),
      policy: z.enum(labPolicies).default('round_robin'),
      /** Extra labels on every lab object (tests pass their run label). */
      labels: z.record(z.string().regex(/^[A-Za-z0-9._-]+$/), z.string().max(256)).optional(),
    })
    .strict(),
  /** The labs found on the engine (by their `dockside.lab` label). */
  'lab:list': z.object({}).strict(),
  /** Writes the Caddyfile and reloads the load balancer with it. */
  'lab:reload': z.object({ labId, caddyfile: z.string().min(1, 'Caddyfile must not be empty').max(20_000, 'Caddyfile is too long') }).strict(),
  /** Sends `count` GET requests through the load balancer's host port, one after another. */
  'lab:send': z.object({ labId, count: z.number().int().min(1, 'Count must be 1 to 50').max(50, 'Count must be 1 to 50').default(4) }).strict(),
  /** Removes exactly what the lab created (containers, network, lab folder). */
  'lab:teardown': z.object({ labId }).strict(),
};

export interface LabContainer {
  role: 'lb' | 'app1' | 'app2';
  id: string;
  name: string;
  state: ContainerSummary['state'];
}

export interface LabState {
  labId: string;
  network: string;
  hostPort: number;
  image: string;
  /** Unix seconds. */
  created: number;
  containers: LabContainer[];
  /** The Caddyfile as it is on disk (mounted at /etc/caddy/Caddyfile in the load balancer). */
  caddyfile: string;
}

/** One request sent through the load balancer. */
export interface LabAnswer {
  seq: number;
  /** Which app server answered ("app1" / "app2"), read from the page; null when none did. */
  backend: 'app1' | 'app2' | null;
  status: number | null;
  ms: number;
  error?: string;
}

interface NetworkResults {
  'networks:list': NetworkSummary[];
  'networks:inspect': Record<string, unknown>;
  'networks:create': WithCommand & { id: string };
  'networks:remove': WithCommand;
  'networks:connect': WithCommand;
  'networks:disconnect': WithCommand;
  'lab:start': WithCommand & { lab: LabState; commands: string[] };
  'lab:list': LabState[];
  'lab:reload': WithCommand & { output: string };
  'lab:send': { answers: LabAnswer[]; counts: Record<string, number> };
  'lab:teardown': WithCommand & { removed: string[] };
}

const networkSubscriptions = {
  /** The network list with attached containers, re-sent on network and container events. */
  'networks:watch': z.object({}).strict(),
  /** Continuous requests through the lab's load balancer at a bounded rate, until unsubscribed. */
  'lab:traffic': z.object({ labId, perSecond: z.number().int().min(1).max(20).default(4) }).strict(),
};

interface NetworkEvents {
  'networks:watch': NetworkSummary[];
  'lab:traffic': { answer: LabAnswer; counts: Record<string, number> };
}

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
  view: 'containers' | 'stats' | 'images' | 'build' | 'volumes' | 'networks' | 'cluster' | 'lessons';
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
  /** How it was met at that time, e.g. 'Ran "ls" in box.' */
  doneHow?: string;
  /** What the check found, or what is missing. */
  detail: string;
}

export interface LessonProgress {
  tasks: Record<string, LessonTaskState>;
  /** Quiz question index -> answered correctly (only answered questions appear). */
  quiz: Record<string, boolean>;
  /** ISO time from which engine events count for this lesson: course start or the lesson's last reset. */
  since: string;
}

export interface LessonProgressEvent {
  /** Which engine the progress belongs to (endpoint URL and engine ID). */
  engine: string;
  lessons: Record<string, LessonProgress>;
  /** ISO time of the evaluation. */
  evaluatedAt: string;
  /** ISO time the learner started the course on this engine: older engine history never counts. */
  startedAt: string;
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
      /** "Show answer": reveals the answer without judging `choice` (and without credit). */
      reveal: z.boolean({ error: 'reveal must be true or false' }).default(false),
    })
    .strict(),
  /** Forgets saved progress on the current engine: one lesson, or all when lessonId is omitted. */
  'lessons:reset': z.object({ lessonId: lessonId.optional() }).strict(),
};

interface LessonResults {
  'lessons:list': LessonSummary[];
  'lessons:get': LessonDetail;
  /** The right answer and its explanation come back only for a right answer or an explicit reveal. */
  'lessons:answer': { correct: boolean; answer?: number; explain?: string };
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

/** A full image reference with a tag, e.g. "localhost:5000/shop/web:1.2.3". */
const imageTagRef = z
  .string()
  .min(1, 'must not be empty')
  .max(256, 'is too long')
  .regex(new RegExp(`^${repository}(?::${tag})?$`), 'is not a valid image name (lower-case name, optional registry host:port and :tag)');

const absolutePath = z
  .string()
  .min(1, 'must not be empty')
  .max(4096, 'is too long')
  .regex(/^\//, 'must be an absolute path (starting with /)');

const registryHost = z
  .string()
  .min(1, 'must not be empty')
  .max(256, 'is too long')
  .regex(/^[A-Za-z0-9.-]+(:\d{1,5})?$/, 'is not a registry host (e.g. docker.io or localhost:5000)');

const buildArgs = z.object({
  /** The build context: a folder on the machine the app runs on. */
  contextPath: absolutePath,
  /** Dockerfile path relative to the context. */
  dockerfile: z.string().min(1, 'must not be empty').max(1024).regex(/^[^/].*$/, 'must be relative to the build context').default('Dockerfile'),
  tags: z.array(imageTagRef).min(1, 'give at least one tag (e.g. myapp:1.0.0)').max(20, 'too many tags'),
  buildArgs: z.record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'is not a valid build arg name'), z.string().max(4096)).default({}),
  target: z.string().max(128).regex(/^[A-Za-z0-9_.-]*$/, 'is not a valid stage name').optional(),
  noCache: z.boolean().default(false),
  /** Contexts larger than this are refused (reported with their size) before anything is sent. */
  maxContextBytes: z.number().int().min(1).max(64 * 1024 ** 3).default(500 * 1024 * 1024),
  /** `--label k=v` on the built image. */
  labels: z.record(z.string().min(1).max(256), z.string().max(4096)).default({}),
});

const publishCalls = {
  /** Validates a typed build context (exists, is a folder, holds the Dockerfile) and sizes it, honouring .dockerignore. */
  'build:check-context': z.object({ contextPath: absolutePath, dockerfile: z.string().min(1, 'must not be empty').max(1024).default('Dockerfile') }).strict(),
  /** Writes a Dockerfile from the in-app editor into the app's own build folder <dataDir>/builds/<name>. */
  'build:write-dockerfile': z
    .object({
      name: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,62}$/, 'must be lower-case letters, digits, - or _ (at most 63)'),
      content: z.string().min(1, 'must not be empty').max(256 * 1024, 'is too long'),
    })
    .strict(),
  /** Reads back a Dockerfile from the app's build folder (empty when none yet). */
  'build:read-dockerfile': z.object({ name: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,62}$/, 'is not a valid build name') }).strict(),
  /** `docker history`: the layers of an image. */
  'build:history': z.object({ image: imageRef }).strict(),
  /** `docker tag SOURCE TARGET`. */
  'tags:add': z.object({ image: imageRef, tag: imageTagRef }).strict(),
  /** `docker rmi REPO:TAG`: removes the tag; the image goes too when it was its last tag. */
  'tags:remove': z.object({ tag: imageTagRef }).strict(),
  /** Tags an image with a semantic version and `latest` in one repository. */
  'tags:release': z
    .object({
      image: imageRef,
      repository: repositoryName,
      version: z.string().regex(/^v?\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/, 'is not a semantic version (x.y.z)'),
      alsoLatest: z.boolean().default(true),
    })
    .strict(),
  /** Validates credentials with the registry (through the engine), then stores them like the docker CLI. */
  'registry:login': z
    .object({
      registry: registryHost,
      username: z.string().min(1, 'must not be empty').max(256),
      password: z.string().min(1, 'must not be empty').max(4096),
    })
    .strict(),
  'registry:logout': z.object({ registry: registryHost }).strict(),
  /** Registries with stored credentials (never the secrets). */
  'registry:logins': z.object({}).strict(),
  /** Tags a registry holds for a repository (registry HTTP API v2). */
  'registry:tags': z.object({ repository: imageTagRef }).strict(),
  /** Probes a published port over HTTP (used by the pipeline's replace step). */
  'pipeline:probe': z.object({ port: z.number().int().min(1).max(65535, 'is out of range') }).strict(),
  /** `docker run -d -p 127.0.0.1::PORT IMAGE`: a first version to replace later. */
  'pipeline:start': z
    .object({
      image: imageTagRef,
      containerPort: z.number().int().min(1).max(65535, 'is out of range').default(80),
      labels: z.record(z.string().min(1).max(256), z.string().max(4096)).default({}),
    })
    .strict(),
};

export interface ContextReport {
  contextPath: string;
  dockerfile: string;
  /** Bytes that would be sent to the engine (files kept after .dockerignore). */
  sizeBytes: number;
  fileCount: number;
  /** Files (or whole folders) left out by .dockerignore. */
  ignoredCount: number;
  hasDockerignore: boolean;
}

export interface HistoryLayer {
  id: string;
  createdBy: string;
  size: number;
  created: number;
  tags: string[];
}

export interface RegistryLogin {
  registry: string;
  username?: string;
  /** Where the secret lives: a credential helper's name, or "config.json" (base64, not encrypted). */
  storedIn: string;
}

interface PublishResults {
  'build:check-context': ContextReport;
  'build:write-dockerfile': { contextPath: string; dockerfile: string };
  'build:read-dockerfile': { contextPath: string; content: string };
  'build:history': HistoryLayer[];
  'tags:add': WithCommand;
  'tags:remove': WithCommand;
  'tags:release': WithCommand & { tags: string[] };
  'registry:login': WithCommand & RegistryLogin & { message: string };
  'registry:logout': WithCommand;
  'registry:logins': RegistryLogin[];
  'registry:tags': { repository: string; tags: string[] };
  'pipeline:probe': { ok: boolean; status?: number; body?: string; error?: string };
  'pipeline:start': WithCommand & { id: string; name: string; hostPort: number };
}

const publishSubscriptions = {
  /** Runs a build; unsubscribing cancels it. */
  'build:run': buildArgs.strict(),
  /** Pushes one tag, or every local tag of the repository. */
  'registry:push': z
    .object({
      repository: repositoryName,
      tag: z.string().regex(/^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/, 'is not a valid tag').optional(),
      /** Several tags, pushed one after the other (e.g. the version and latest). */
      tags: z.array(z.string().regex(/^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/, 'is not a valid tag')).min(1).max(50).optional(),
      allTags: z.boolean().default(false),
    })
    .strict(),
  /** Pulls a reference with the stored credentials of its registry. */
  'registry:pull': z.object({ reference: imageTagRef }).strict(),
  /** Pipeline step 13: start the new version beside the old one, check it answers, stop the old. */
  'pipeline:replace': z
    .object({
      oldContainer: containerRef,
      image: imageTagRef,
      containerPort: z.number().int().min(1).max(65535, 'is out of range').default(80),
    })
    .strict(),
};

export type BuildEvent =
  | { type: 'context'; report: ContextReport; command: string }
  | { type: 'step'; step: number; total: number; instruction: string }
  | { type: 'log'; text: string }
  | { type: 'failed'; message: string; step: { step: number; total: number; instruction: string } | null }
  | { type: 'done'; imageId: string; tags: string[] };

export interface PushProgress {
  /** The tag being pushed (or pulled). */
  tag: string;
  layers: { id: string; status: string; current: number; total: number; done: boolean }[];
  overall: number | null;
  message: string;
}

export type TransferEvent =
  | { type: 'start'; command: string; tags: string[] }
  | { type: 'progress'; progress: PushProgress }
  | { type: 'tag-done'; tag: string; digest?: string }
  | { type: 'failed'; tag: string; message: string }
  | { type: 'done'; tags: string[] };

export type ReplaceEvent =
  | { type: 'step'; step: 'start-new' | 'probe' | 'stop-old' | 'done'; message: string; command?: string }
  | { type: 'new-container'; id: string; name: string; hostPort: number }
  | { type: 'probe'; attempt: number; ok: boolean; status?: number }
  | { type: 'failed'; message: string }
  | { type: 'done'; oldId: string; newId: string; newName: string; hostPort: number };

interface PublishEvents {
  'build:run': BuildEvent;
  'registry:push': TransferEvent;
  'registry:pull': TransferEvent;
  'pipeline:replace': ReplaceEvent;
}

// ---------------------------------------------------------------------------------------------
// Practice registry (lessons 18-19): a local registry container Dockside starts for the learner
// ---------------------------------------------------------------------------------------------

/** The practice registry as the UI shows it. The password is a practice one, shown on purpose. */
export interface PracticeRegistryStatus {
  running: boolean;
  id?: string;
  /** "localhost:PORT", the registry part of image names pushed to it. */
  host?: string;
  port?: number;
  username?: string;
  password?: string;
  image?: string;
  /** Where its image comes from if it has to be made: already here, built from the host's docker-registry, or pulled as registry:2. */
  imagePlan: 'local' | 'built-from-host' | 'pull';
}

const practiceLabelKey = z.string().min(1).max(128).regex(/^[a-z0-9][a-z0-9._-]*$/, 'is not a label key');

const practiceCalls = {
  'practice:status': z.object({}).strict(),
  /** Starts the practice registry on a free local port (labels are added to its container, like --label). */
  'practice:start': z.object({ labels: z.record(practiceLabelKey, z.string().max(256)).optional() }).strict(),
  /** Removes the practice registry container and everything pushed to it. */
  'practice:stop': z.object({}).strict(),
};

interface PracticeResults {
  'practice:status': PracticeRegistryStatus;
  'practice:start': { status: PracticeRegistryStatus; commands: string[]; imageSource: 'present' | 'built-from-host' | 'pulled' };
  'practice:stop': WithCommand & { removed: boolean };
}

// ---------------------------------------------------------------------------------------------
// Cluster (Swarm mode): nodes, services, tasks, rolling updates
// ---------------------------------------------------------------------------------------------

export interface ClusterInfo {
  /** The engine's Swarm.LocalNodeState. */
  state: 'inactive' | 'pending' | 'active' | 'error' | 'locked';
  nodeId?: string;
  /** Managers can list and change services; workers only run tasks. */
  isManager: boolean;
  /** The address other nodes use to reach this one. */
  nodeAddr?: string;
  nodes: number;
  managers: number;
  /** The engine's own words when the node is in the error state. */
  error?: string;
  /** Dockside started this cluster, so Leave can undo exactly what it did (e.g. docker_gwbridge). */
  createdByDockside: boolean;
}

export interface ClusterNode {
  id: string;
  hostname: string;
  role: 'manager' | 'worker';
  availability: string;
  /** ready, down, unknown... */
  state: string;
  engineVersion: string;
  addr: string;
  leader: boolean;
  /** The node Dockside is talking to. */
  self: boolean;
}

export interface ClusterPort {
  protocol: 'tcp' | 'udp' | 'sctp';
  targetPort: number;
  /** Missing for a host-mode port without a fixed number: each task then gets its own. */
  publishedPort?: number;
  mode: 'host' | 'ingress';
}

export interface ClusterUpdateConfig {
  parallelism: number;
  delaySeconds: number;
  order: 'stop-first' | 'start-first';
  failureAction: 'pause' | 'continue' | 'rollback';
}

export interface ClusterService {
  id: string;
  name: string;
  /** The image reference without the digest the engine may have pinned. */
  image: string;
  /** The image before the last update (what a rollback returns to). */
  previousImage?: string;
  mode: 'replicated' | 'global';
  desired: number;
  running: number;
  ports: ClusterPort[];
  updateConfig: ClusterUpdateConfig;
  /** The engine's UpdateStatus: updating, paused, completed, rollback_started, rollback_paused, rollback_completed. */
  update: { state: string; message: string; startedAt?: string; completedAt?: string } | null;
  labels: Record<string, string>;
  createdAt: string;
  updatedAt: string;
}

export interface ClusterTask {
  id: string;
  serviceId: string;
  /** Replicated services number their tasks by slot (1..replicas): the lanes of a rolling update. */
  slot?: number;
  nodeId: string;
  image: string;
  /** What the orchestrator wants: running, shutdown... */
  desiredState: string;
  /** Where the task is: new, pending, preparing, starting, running, complete, failed, shutdown, rejected... */
  state: string;
  message: string;
  error?: string;
  createdAt: string;
  /** When the task entered its current state. */
  stateSince: string;
  /** Host ports the task's container was given (host-mode publishing). */
  ports: { publishedPort: number; targetPort: number; protocol: string }[];
  containerId?: string;
}

export interface ClusterSnapshot {
  info: ClusterInfo;
  nodes: ClusterNode[];
  services: ClusterService[];
  tasks: ClusterTask[];
  /** Unix milliseconds of this reading: rolling-update lanes are drawn against it. */
  at: number;
}

/** One HTTP answer (or failure) from one of a service's published ports. */
export interface ClusterProbeAnswer {
  port: number;
  /** Set when the port is on another node: that node's address. */
  host?: string;
  ok: boolean;
  status?: number;
  /** The first line of the answer, trimmed (which version answered). */
  body?: string;
  error?: string;
  taskId?: string;
  /** The image of the task that owns the port, when known. */
  image?: string;
}

/** One round of requests to every published port of a service, like a load balancer's health check. */
export interface ClusterProbeSample {
  /** Unix milliseconds. */
  at: number;
  /** True when at least one port answered: the service was reachable at that moment. */
  up: boolean;
  answers: ClusterProbeAnswer[];
}

/** A swarm service name as `docker service create --name` accepts it. */
const serviceName = z
  .string()
  .min(1, 'must not be empty')
  .max(63, 'is too long (at most 63 characters)')
  .regex(/^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/, 'must start with a letter or digit and hold only letters, digits, _ . -');

const clusterImageRef = z
  .string()
  .min(1, 'must not be empty')
  .max(256, 'is too long')
  .regex(/^[a-z0-9][a-z0-9._\-/:]*(:[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?(@sha256:[a-f0-9]{64})?$/, 'is not a valid image reference (e.g. web:1.0.0)');

const clusterPortNumber = z.number({ error: 'expected a number' }).int('expected a whole number').min(1, 'must be 1-65535').max(65535, 'must be 1-65535');

const clusterUpdateConfig = z
  .object({
    parallelism: z.number({ error: 'expected a number' }).int('expected a whole number').min(0, 'must be 0 (all at once) or more').max(100, 'must be at most 100').default(1),
    delaySeconds: z.number({ error: 'expected a number' }).min(0, 'must be 0 or more').max(3600, 'must be at most 3600').default(0),
    order: z.enum(['stop-first', 'start-first'], { error: 'expected "stop-first" or "start-first"' }).default('stop-first'),
    failureAction: z.enum(['pause', 'continue', 'rollback'], { error: 'expected "pause", "continue" or "rollback"' }).default('pause'),
  })
  .strict();

export const clusterServiceSpec = z
  .object({
    name: serviceName,
    image: clusterImageRef,
    replicas: z.number({ error: 'expected a number' }).int('expected a whole number').min(0, 'must be 0 or more').max(100, 'must be at most 100'),
    ports: z
      .array(
        z
          .object({
            targetPort: clusterPortNumber,
            publishedPort: clusterPortNumber.optional(),
            protocol: z.enum(['tcp', 'udp']).default('tcp'),
            mode: z.enum(['host', 'ingress'], { error: 'expected "host" or "ingress"' }).default('host'),
          })
          .strict(),
      )
      .max(20, 'at most 20 ports')
      .default([]),
    update: clusterUpdateConfig.default({ parallelism: 1, delaySeconds: 0, order: 'stop-first', failureAction: 'pause' }),
    labels: z.record(z.string().min(1).max(256), z.string().max(4096)).optional(),
  })
  .strict();

const clusterServiceRef = z.string().min(1, 'must not be empty').max(128, 'is too long').regex(/^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/, 'is not a service id or name');

const clusterCalls = {
  /** Whether this engine is a Swarm node, and what kind. */
  'cluster:info': z.object({}).strict(),
  /** `docker swarm init`: makes this engine a one-node cluster (manager). */
  'cluster:init': z
    .object({
      advertiseAddr: z
        .string()
        .max(64)
        .regex(/^[0-9a-fA-F.:[\]]*$/, 'must be an IP address such as 127.0.0.1')
        .default('127.0.0.1'),
    })
    .strict(),
  /** `docker swarm leave --force`; refuses while services run unless `confirmServices` (they go with the cluster). */
  'cluster:leave': z.object({ confirmServices: z.boolean().default(false) }).strict(),
  'cluster:create-service': z.object({ spec: clusterServiceSpec }).strict(),
  /** `docker service scale NAME=N`. */
  'cluster:scale': z
    .object({ id: clusterServiceRef, replicas: z.number({ error: 'expected a number' }).int('expected a whole number').min(0, 'must be 0 or more').max(100, 'must be at most 100') })
    .strict(),
  /** `docker service update --image`: a rolling update with the given (or the service's) update settings. */
  'cluster:update-image': z.object({ id: clusterServiceRef, image: clusterImageRef, update: clusterUpdateConfig.optional() }).strict(),
  /** `docker service rollback`: back to the spec before the last update. */
  'cluster:rollback': z.object({ id: clusterServiceRef }).strict(),
  /** `docker service rm`: its tasks' containers go with it. */
  'cluster:remove-service': z.object({ id: clusterServiceRef }).strict(),
};

interface ClusterResults {
  'cluster:info': ClusterInfo;
  'cluster:init': WithCommand & ClusterInfo;
  'cluster:leave': WithCommand & { removed: string[] };
  'cluster:create-service': WithCommand & { id: string; name: string };
  'cluster:scale': WithCommand;
  'cluster:update-image': WithCommand;
  'cluster:rollback': WithCommand;
  'cluster:remove-service': WithCommand;
}

const clusterSubscriptions = {
  /** Nodes, services and tasks, re-read on the engine's service, node and task-container events. */
  'cluster:watch': z.object({}).strict(),
  /** HTTP answers from a service's published ports, paced (at most 10 a second), while subscribed. */
  'cluster:probe': z
    .object({ service: clusterServiceRef, perSecond: z.number().int().min(1, 'must be 1-10').max(10, 'must be 1-10').default(4), path: z.string().max(256).regex(/^\/[A-Za-z0-9._~\/-]*$/, 'must be a plain path like /').default('/') })
    .strict(),
};

interface ClusterEvents {
  'cluster:watch': ClusterSnapshot;
  'cluster:probe': ClusterProbeSample;
}

// ---------------------------------------------------------------------------------------------
// Everyday work: Compose stacks and bulk actions
// ---------------------------------------------------------------------------------------------

/** A Compose project name as found in the `com.docker.compose.project` label. */
const composeProject = z
  .string()
  .min(1, 'must not be empty')
  .max(128, 'is too long')
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, 'is not a Compose project name (letters, digits, _ . -)');

/** A compose CLI found on this machine: `docker compose` (v2 plugin) or `docker-compose` (v1). */
export interface ComposeCli {
  /** How the user types it: "docker compose" or "docker-compose". */
  name: 'docker compose' | 'docker-compose';
  version: string;
}

/** A Compose project, read from its containers' labels (or remembered after `down`). */
export interface StackSummary {
  project: string;
  /** `com.docker.compose.project.working_dir`; empty when the label is missing. */
  workingDir: string;
  /** `com.docker.compose.project.config_files`, split on commas. */
  configFiles: string[];
  /** Ids of the project's containers on the engine (any state); empty after `down`. */
  containers: string[];
  /** True when every config file exists on this machine, so `up -d` and `down` can run. */
  filesOnDisk: boolean;
}

export interface StacksOverview {
  stacks: StackSummary[];
  /** The compose CLI that `stacks:compose` would run, or null when none is installed. */
  composeCli: ComposeCli | null;
}

/** One item of a bulk action: done, or failed with the engine's words. */
export interface BulkItemResult {
  ref: string;
  ok: boolean;
  error?: string;
}

export interface BulkResult extends WithCommand {
  results: BulkItemResult[];
}

const bulkRefs = z.array(engineRef).min(1, 'select at least one item').max(500, 'at most 500 items at once');

const stackCalls = {
  /** Compose projects on the engine (by label) plus remembered ones whose files are on disk. */
  'stacks:list': z.object({}).strict(),
  /** Start, stop, restart or remove every container of a project through the engine, and nothing else. */
  'stacks:action': z.object({ project: composeProject, action: z.enum(['start', 'stop', 'restart', 'remove']) }).strict(),
  /** Runs the compose CLI (`up -d` or `down`) with the project's own files and folder. */
  'stacks:compose': z.object({ project: composeProject, action: z.enum(['up', 'down']) }).strict(),
  /** `docker start|stop|kill|rm a b c`, one engine call per container, each result reported. */
  'bulk:containers': z
    .object({ action: z.enum(['start', 'stop', 'kill', 'remove']), ids: bulkRefs, force: z.boolean().default(false) })
    .strict(),
  /** `docker rmi` / `docker volume rm` / `docker network rm` of several objects, each result reported. */
  'bulk:remove': z.object({ kind: z.enum(['image', 'volume', 'network']), refs: bulkRefs, force: z.boolean().default(false) }).strict(),
};

interface StackResults {
  'stacks:list': StacksOverview;
  'stacks:action': BulkResult & { project: string; equivalent: string };
  'stacks:compose': WithCommand & { exitCode: number | null; output: string };
  'bulk:containers': BulkResult;
  'bulk:remove': BulkResult;
}

const stackSubscriptions = {
  /** The logs of every container of a project, followed together (one bounded stream each). */
  'stacks:logs': z
    .object({ project: composeProject, tail: z.number().int().min(0, 'must be 0 or more').max(10_000, 'is too large').default(200) })
    .strict(),
};

/** One container's batch of the combined stack log. */
export interface StackLogEvent {
  container: string;
  /** `com.docker.compose.service`, or the container name. */
  service: string;
  batch: LogBatch;
}

interface StackEvents {
  'stacks:logs': StackLogEvent;
}

// ---------------------------------------------------------------------------------------------
// Tools: disk usage and clean-up, file browser, settings
// ---------------------------------------------------------------------------------------------

/** One row of `docker system df`. */
export interface DiskSummaryRow {
  type: 'images' | 'containers' | 'volumes' | 'build-cache';
  label: string;
  total: number;
  active: number;
  size: number;
  reclaimable: number;
}

export interface DiskImage {
  id: string;
  repoTags: string[];
  /** Unix seconds. */
  created: number;
  size: number;
  /** Bytes shared with other images (-1: the engine did not compute it). */
  sharedSize: number;
  /** size - sharedSize: what removing this image alone frees. */
  uniqueSize: number;
  /** Containers (any state) using the image. */
  containers: number;
}

export interface DiskContainer {
  id: string;
  name: string;
  image: string;
  command: string;
  created: number;
  state: string;
  status: string;
  /** Bytes written in the container's own layer. */
  sizeRw: number;
  sizeRootFs: number;
  /** Named or anonymous volumes it mounts. */
  localVolumes: number;
}

export interface DiskVolume {
  name: string;
  driver: string;
  /** Containers referencing it (-1: unknown). */
  links: number;
  /** Bytes (-1: unknown, e.g. a non-local driver). */
  size: number;
  labels: Record<string, string>;
}

export interface DiskBuildCache {
  id: string;
  type: string;
  description: string;
  size: number;
  shared: boolean;
  inUse: boolean;
  created: string;
  lastUsed: string | null;
  usageCount: number;
}

export interface DiskUsage extends WithCommand {
  summary: DiskSummaryRow[];
  images: DiskImage[];
  containers: DiskContainer[];
  volumes: DiskVolume[];
  buildCache: DiskBuildCache[];
}

export const pruneTargets = ['containers', 'images', 'volumes', 'build-cache'] as const;
export type PruneTarget = (typeof pruneTargets)[number];

/** A label filter as the docker CLI takes it: `key` or `key=value`. */
const labelFilter = z
  .string()
  .min(1, 'must not be empty')
  .max(512, 'is too long')
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.\-/]*(=[^\s'"]*)?$/, 'is not a label filter (key or key=value)');

const pruneQuery = {
  target: z.enum(pruneTargets),
  /**
   * images: every unused image, not only dangling ones (`-a`); volumes: named ones too (`-a`,
   * engines with API 1.42+; older engines always prune named volumes); build cache: all of it.
   */
  all: z.boolean().default(false),
  /** Only objects carrying these labels (`--filter label=...`). */
  labels: z.array(labelFilter).max(20, 'at most 20 label filters').default([]),
};

const diskCalls = {
  /** `docker system df -v`: the engine's /system/df, which can take seconds on a big engine. */
  'disk:usage': z.object({}).strict(),
  /** What a prune would remove right now: the same query the prune sends, run as a list. */
  'disk:prune-preview': z.object(pruneQuery).strict(),
  /**
   * Runs the prune the user confirmed. `ids` are the previewed items: the query is run again
   * first and the prune refused (code "conflict") when it now matches anything else. Containers
   * and images also get the preview's `until`; build cache is pruned by the previewed ids.
   */
  'disk:prune': z
    .object({
      ...pruneQuery,
      until: z.number({ error: 'until must be the preview time' }).positive('until must be the preview time'),
      ids: z.array(z.string().min(1).max(256).regex(/^[A-Za-z0-9][A-Za-z0-9_.:-]*$/, 'is not an id or name')).max(5000, 'too many items').default([]),
    })
    .strict(),
};

export interface PruneItem {
  id: string;
  name: string;
  /** Bytes it holds (for images: its size, shared layers included). */
  size: number;
  detail: string;
}

export interface PrunePreview extends WithCommand {
  target: PruneTarget;
  items: PruneItem[];
  /** Sum of the items' sizes; the space actually freed can be less (shared layers). */
  totalSize: number;
  /** Unix seconds of the preview, passed back to `disk:prune`. */
  until: number;
  /** What the engine will not touch, said plainly (e.g. "images used by a container stay"). */
  note: string;
}

export interface PruneResult extends WithCommand {
  target: PruneTarget;
  /** What the engine removed (ids or names, as it reported them). */
  removed: PruneItem[];
  /** Image tags removed (`Untagged:` lines). */
  untagged: string[];
  /** Images: layers (and untagged parent images) the engine deleted along with the previewed ones. */
  alsoDeleted: string[];
  spaceReclaimed: number;
  /** Previewed items still there (e.g. started since the preview). */
  kept: PruneItem[];
}

const fileTarget = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('container'), id: engineRef }).strict(),
  z.object({ kind: z.literal('volume'), name: volumeName }).strict(),
]);

/** An absolute path inside a container or volume; no NUL, no `..` segment. */
const insidePath = z
  .string()
  .min(1, 'must not be empty')
  .max(4096, 'is too long')
  .regex(/^\//, 'must be an absolute path (starting with /)')
  .refine((p) => !p.includes('\0') && !p.split('/').includes('..'), 'must not contain .. or NUL');

const fileName = z
  .string()
  .min(1, 'must not be empty')
  .max(255, 'is too long')
  .refine((n) => !n.includes('/') && !n.includes('\0') && n !== '.' && n !== '..', 'must be a plain file name (no / or ..)');

const filesCalls = {
  /** Lists one folder (`docker cp` reads through the same archive API; stopped containers too). */
  'files:list': z.object({ target: fileTarget, path: insidePath }).strict(),
  /** Reads a text file up to `maxBytes`; binary files are refused with a message. */
  'files:read': z
    .object({ target: fileTarget, path: insidePath, maxBytes: z.number().int().min(1).max(1024 * 1024).default(1024 * 1024) })
    .strict(),
  /**
   * A file or folder as a tar (`docker cp TARGET:PATH - > NAME.tar`): desktop asks where with the
   * native save dialog; browser mode answers a one-time download link; otherwise (tests, no
   * chooser) it goes to the app's downloads folder.
   */
  'files:download': z.object({ target: fileTarget, path: insidePath }).strict(),
  /** Writes one file (base64, at most 8 MB) into a folder of a container: `docker cp FILE CONTAINER:DIR`. */
  'files:upload': z
    .object({
      target: fileTarget,
      folder: insidePath,
      name: fileName,
      contentBase64: z.string().max(12 * 1024 * 1024, 'the file is too large (at most 8 MB)'),
    })
    .strict(),
};

export interface FileEntry {
  name: string;
  type: 'file' | 'directory' | 'symlink' | 'other';
  size: number;
  /** Octal permission bits, e.g. "755". */
  mode: string;
  /** ISO time. */
  modified: string;
  linkTarget?: string;
}

export interface FileListing extends WithCommand {
  path: string;
  entries: FileEntry[];
  /** True when the folder was too large to read whole (a container's / can be the whole filesystem). */
  truncated: boolean;
  /** Volumes: the helper container that read it (already removed). */
  via?: string;
}

export type FileDownloadResult = WithCommand &
  ({ kind: 'saved'; path: string; bytes: number } | { kind: 'download'; url: string; fileName: string } | { kind: 'cancelled' });

export type FileContent = WithCommand & {
  path: string;
  size: number;
} & ({ kind: 'text'; text: string } | { kind: 'binary'; message: string } | { kind: 'too-large'; message: string });

interface FilesResults {
  'files:list': FileListing;
  'files:read': FileContent;
  'files:download': FileDownloadResult;
  'files:upload': WithCommand & { path: string; bytes: number };
}

export const themes = ['light', 'dark', 'system'] as const;
export type Theme = (typeof themes)[number];

export interface Settings {
  theme: Theme;
  /** Engine URL to connect to at start-up ('' = as the docker CLI would choose). */
  defaultEngine: string;
  notifications: boolean;
  /** How often the Stats overview samples each running container (ms). */
  statsIntervalMs: StatsIntervalMs;
}

const settingsCalls = {
  'settings:get': z.object({}).strict(),
  'settings:update': z
    .object({
      theme: z.enum(themes).optional(),
      defaultEngine: z
        .string()
        .max(2048, 'is too long')
        .regex(/^$|^(unix|tcp|ssh|npipe):\/\/\S+$/, 'must be empty or an engine address like unix:///var/run/docker.sock')
        .optional(),
      notifications: z.boolean().optional(),
      statsIntervalMs: z.union([z.literal(1000), z.literal(2000), z.literal(5000)], { message: 'must be 1000, 2000 or 5000 ms' }).optional(),
    })
    .strict(),
  /** Paths, versions and the engine's API, for the Settings page's About. */
  'settings:about': z.object({}).strict(),
};

export interface AboutInfo {
  docksideVersion: string;
  electronVersion: string | null;
  nodeVersion: string;
  engine: { name: string; version: string; apiVersion: string; endpoint: string } | null;
  paths: { dataDir: string; settingsFile: string; progressFile: string; downloads: string };
}

interface DiskResults {
  'disk:usage': DiskUsage;
  'disk:prune-preview': PrunePreview;
  'disk:prune': PruneResult;
}

interface SettingsResults {
  'settings:get': Settings;
  'settings:update': Settings;
  'settings:about': AboutInfo;
}

const settingsSubscriptions = {
  /** The settings now and after every change (from any window or browser tab). */
  'settings:watch': z.object({}).strict(),
};

interface SettingsEvents {
  'settings:watch': Settings;
}

// ---------------------------------------------------------------------------------------------
// Live state (streams that survive the engine going away)
// ---------------------------------------------------------------------------------------------

const liveStateSubscriptions = {
  /**
   * `docker top` while subscribed: the engine has no process stream, so main asks once, then
   * again on each engine event of that container that can change its processes (start, exec,
   * die...), and every `intervalMs` only when given, and sends each answer. Like stats and logs it re-opens by itself when the engine
   * comes back.
   */
  'top:watch': z
    .object({
      id: engineRef,
      psArgs: z.string().regex(/^[A-Za-z -]*$/, 'must be plain ps options like -ef').max(40).optional(),
      /** Optional auto-refresh; without it main asks only on the container's engine events. */
      intervalMs: z.number().int().min(500, 'must be at least 500 ms').max(60_000).optional(),
    })
    .strict(),
};

interface LiveStateEvents {
  'top:watch': TopResult;
}

// ---------------------------------------------------------------------------------------------
// Remote engines over ssh
// ---------------------------------------------------------------------------------------------

/** Which step of an ssh:// connection failed. */
export type SshFailure =
  | 'dns'
  | 'auth'
  | 'host-key-unknown'
  | 'host-key-changed'
  | 'remote-docker-missing'
  | 'remote-engine'
  | 'ssh';

/** The question ssh asks about a host it has never seen, with what the learner needs to answer it. */
export interface SshHostKeyPrompt {
  /** The name looked up in known_hosts, e.g. `[127.0.0.1]:2222` or `build-server`. */
  host: string;
  /** e.g. ssh-ed25519 */
  keyType: string;
  /** `SHA256:...`, as `ssh-keygen -lf` prints it. */
  fingerprint: string;
  /** The file the key is added to when trusted. */
  knownHostsFile: string;
  /** Key types already known for this host (a different type is not a changed key). */
  otherTypes: string[];
}

const sshCalls = {
  /**
   * Trusts the host key the engine status asked about (adds it to known_hosts) and reconnects.
   * Only the key that was just offered can be trusted: host and fingerprint must both match it.
   */
  'ssh:trust-host-key': z
    .object({
      host: z.string().min(1, 'must not be empty').max(300, 'is too long'),
      fingerprint: z.string().regex(/^SHA256:[A-Za-z0-9+/]{43}$/, 'is not a SHA256 fingerprint'),
    })
    .strict(),
};

interface SshResults {
  'ssh:trust-host-key': EngineStatus;
}

// ---------------------------------------------------------------------------------------------
// Performance: sampled stats (issue 16)
// ---------------------------------------------------------------------------------------------

/** How often the Stats overview samples each container, in ms (the user's choice, a setting). */
export const statsIntervals = [1000, 2000, 5000] as const;
export type StatsIntervalMs = (typeof statsIntervals)[number];

const perfSubscriptions = {
  /**
   * One container's stats sampled every `intervalMs` with one-shot requests
   * (`stream=false&one-shot=true`, no 1 Hz stream held open); CPU % from consecutive samples
   * with the CLI's formula. One subscription per container, so adding or removing a container
   * opens or closes only its own (see renderer/src/api/use-keyed-subscriptions.ts).
   */
  'stats:sample': z
    .object({
      id: containerRef,
      intervalMs: z.union([z.literal(1000), z.literal(2000), z.literal(5000)], { message: 'must be 1000, 2000 or 5000 ms' }),
    })
    .strict(),
};

interface PerfEvents {
  'stats:sample': StatsBatch;
}

// ---------------------------------------------------------------------------------------------
// Native dialogs (issue 10): in the desktop app the user, not the renderer, names the paths
// ---------------------------------------------------------------------------------------------

const dialogCalls = {
  /** Which native dialogs main opens here: the desktop app has them; browser mode has none. */
  'dialogs:available': z.object({}).strict(),
  /**
   * Desktop: main opens the native folder dialog and answers the folder the user chose as a
   * build context. Browser mode answers `unavailable` (the typed path is the user's own choice).
   */
  'build:choose-context': z.object({}).strict(),
};

export interface DialogsAvailable {
  /** A native folder dialog (build contexts). */
  chooseFolder: boolean;
  /** A native save dialog (saved logs, downloaded files); without it they are browser downloads. */
  chooseSavePath: boolean;
}

export type ChooseContextResult = { kind: 'chosen'; contextPath: string } | { kind: 'cancelled' } | { kind: 'unavailable'; message: string };

interface DialogResults {
  'dialogs:available': DialogsAvailable;
  'build:choose-context': ChooseContextResult;
}

// ---------------------------------------------------------------------------------------------
// Attached runs (the run dialog's live output, like `docker run` without -d)
// ---------------------------------------------------------------------------------------------

const runOutputSubscriptions = {
  /**
   * The output of an attached run started by `workflows:run` (its `outputId`): first everything
   * printed so far (`replace: true`), then live output, then the exit. Unsubscribing detaches
   * only; the container keeps running until stopped. Output nobody watches is kept a minute.
   */
  'workflows:run-output': z.object({ outputId: z.string().uuid('is not a run output id') }).strict(),
};

export type RunOutputEvent =
  | {
      type: 'output';
      chunks: { stream: 'stdout' | 'stderr'; text: string }[];
      /** True for the replay that starts every subscription: it replaces what was shown. */
      replace: boolean;
      /** Characters left out before these chunks (output past the kept bound). */
      dropped: number;
    }
  /** The container exited (and, with --rm, was removed); null when the engine did not say how. */
  | { type: 'exit'; exitCode: number | null };

interface RunOutputEvents {
  'workflows:run-output': RunOutputEvent;
}

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
  ...practiceCalls,
  ...clusterCalls,
  ...stackCalls,
  ...diskCalls,
  ...filesCalls,
  ...settingsCalls,
  ...sshCalls,
  ...dialogCalls,
} satisfies Record<string, z.ZodType>;

export const subscriptionSchemas = {
  ...engineSubscriptions,
  ...containerSubscriptions,
  ...workflowSubscriptions,
  ...debugSubscriptions,
  ...networkSubscriptions,
  ...lessonSubscriptions,
  ...publishSubscriptions,
  ...clusterSubscriptions,
  ...stackSubscriptions,
  ...settingsSubscriptions,
  ...liveStateSubscriptions,
  ...perfSubscriptions,
  ...runOutputSubscriptions,
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
    PublishResults,
    PracticeResults,
    ClusterResults,
    StackResults,
    DiskResults,
    FilesResults,
    SettingsResults,
    SshResults,
    DialogResults {}

export interface SubscriptionEvents
  extends EngineEvents,
    ContainerEvents,
    WorkflowEvents,
    DebugEvents,
    NetworkEvents,
    LessonEvents,
    PublishEvents,
    ClusterEvents,
    StackEvents,
    SettingsEvents,
    LiveStateEvents,
    PerfEvents,
    RunOutputEvents {}

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
  /**
   * Events of several subscriptions emitted in the same macrotask (e.g. one stats tick of every
   * row of the Stats overview), in order, as one message: one frame for the page to handle.
   */
  | { type: 'events'; events: { subId: string; event: unknown }[] }
  | { type: 'sub-error'; subId: string; error: ApiError }
  /** The answer to `unsubscribe`: false when the id was not an open subscription of this socket. */
  | { type: 'unsubscribed'; subId: string; ok: boolean }
  /** The answer to a message that is not a well-formed ClientMessage: what was wrong with it. */
  | { type: 'error'; reqId: number | null; error: ApiError };
