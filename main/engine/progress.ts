/**
 * Folds the engine's pull/push progress messages into per-layer and overall progress, for
 * `images:pull`, `registry:push` and build-time pulls alike. Pure: feed it parsed JSON lines.
 */
export interface LayerProgress {
  id: string;
  /** The engine's words: "Downloading", "Extracting", "Pull complete", "Pushed", ... */
  status: string;
  current: number;
  total: number;
  done: boolean;
}

export interface ProgressSnapshot {
  layers: LayerProgress[];
  /** 0..1 over the layers whose size is known; null before any size is known. */
  overall: number | null;
  /** Last status line without a layer id (e.g. "Digest: sha256:...", "Status: Downloaded newer image"). */
  message: string;
  /** Set when the engine reported an error: its message as is. */
  error: string | null;
}

export interface ProgressMessage {
  id?: string;
  status?: string;
  progressDetail?: { current?: number; total?: number };
  error?: string;
  errorDetail?: { message?: string };
}

const DONE = /^(Pull complete|Already exists|Download complete|Pushed|Layer already exists|Mounted from)/;

export class ProgressTracker {
  private readonly layers = new Map<string, LayerProgress>();
  private message = '';
  private error: string | null = null;

  push(msg: ProgressMessage): void {
    if (msg.error || msg.errorDetail?.message) {
      this.error = msg.errorDetail?.message ?? msg.error ?? 'unknown error';
      return;
    }
    const status = msg.status ?? '';
    // Messages with an id that is not a layer ("latest: Pulling from x", "The push refers to ...") carry no progress.
    if (!msg.id || /^(Pulling from|The push refers to)/.test(status) || msg.id.includes(':') || status.startsWith('Pulling from')) {
      if (status) this.message = msg.id && !status.startsWith(msg.id) ? `${msg.id}: ${status}` : status;
      return;
    }
    const prev = this.layers.get(msg.id) ?? { id: msg.id, status, current: 0, total: 0, done: false };
    const total = msg.progressDetail?.total ?? prev.total;
    const current = msg.progressDetail?.current ?? (DONE.test(status) ? total : prev.current);
    this.layers.set(msg.id, { id: msg.id, status, current, total, done: prev.done || DONE.test(status) });
  }

  snapshot(): ProgressSnapshot {
    const layers = [...this.layers.values()];
    const sized = layers.filter((l) => l.total > 0);
    const overall =
      layers.length > 0 && layers.every((l) => l.done)
        ? 1
        : sized.length === 0
          ? null
          : sized.reduce((a, l) => a + (l.done ? l.total : Math.min(l.current, l.total)), 0) / sized.reduce((a, l) => a + l.total, 0);
    return { layers, overall, message: this.message, error: this.error };
  }
}
