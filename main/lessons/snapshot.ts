/**
 * What the lesson checks look at: a plain, serialisable picture of the engine at one moment plus
 * the engine events seen recently. Pure types, no node: imports, so recorded snapshots can be
 * stored as JSON fixtures and the checks stay pure functions over them.
 */

export interface SnapshotContainer {
  id: string;
  name: string;
  image: string;
  imageId: string;
  state: string;
  /** The engine's status text, e.g. "Exited (3) 2 minutes ago". */
  status: string;
  /** Unix seconds. */
  created: number;
  ports: { hostPort?: number; containerPort: number; protocol: string }[];
  /** HostConfig.NetworkMode: "default", "bridge", "none", "host", a network name... */
  networkMode: string;
  /** Names of the networks the container is attached to. */
  networks: string[];
  mounts: { type: string; name?: string; destination: string }[];
  /** HostConfig.Memory in bytes (0 = no limit); only known for inspected (running) containers. */
  memoryBytes?: number;
  /** HostConfig.NanoCpus (1e9 = one CPU; 0 = no limit); only known for inspected containers. */
  nanoCpus?: number;
  /** The container's labels (Dockside's own containers carry `dev.dockside.*`). */
  labels?: Record<string, string>;
}

export interface SnapshotNetwork {
  id: string;
  name: string;
  driver: string;
}

export interface SnapshotVolume {
  name: string;
}

export interface SnapshotImage {
  id: string;
  repoTags: string[];
  /** The references tagged, built or pulled after the learner started (set by scopeSnapshot). */
  newTags?: string[];
}

export interface SnapshotEvent {
  type: string;
  action: string;
  id: string;
  attributes: Record<string, string>;
  /** Unix nanoseconds as the engine reports them. */
  timeNano: number;
}

/** A Swarm service as the cluster checks see it. */
export interface SnapshotService {
  id: string;
  name: string;
  image: string;
  previousImage?: string;
  running: number;
  desired: number;
  /** The engine's UpdateStatus.State (updating, completed, paused, rollback_completed...). */
  updateState?: string;
}

export interface EngineSnapshot {
  containers: SnapshotContainer[];
  networks: SnapshotNetwork[];
  volumes: SnapshotVolume[];
  images: SnapshotImage[];
  /** Swarm services; undefined when the engine is not a cluster manager. */
  services?: SnapshotService[];
  /** Oldest first; bounded (see history.ts). */
  events: SnapshotEvent[];
  /** Unix nanoseconds when the snapshot was taken (decides what is still too recent to judge). */
  takenAtNano?: number;
}

/** The networks every engine has; a "custom" network is any other one. */
export const BUILTIN_NETWORKS = ['bridge', 'host', 'none'];
