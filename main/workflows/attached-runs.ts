/**
 * Attached runs, the way `docker run` without `-d` does it: the output stream is attached before
 * the container starts, so not one byte is missed, and it is relayed live (a few milliseconds of
 * batching) instead of after the exit. The run call returns at once with an output id; the run
 * dialog subscribes with it (`workflows:run-output`). What was printed so far is kept (bounded)
 * and replayed to each new subscriber, so a reconnecting window loses nothing either.
 *
 * Unsubscribing only detaches, as closing `docker attach` does: whether to stop the container is
 * the user's choice, asked by the dialog. A run nobody watches is let go after a minute.
 */
import { randomUUID } from 'node:crypto';
import type Docker from 'dockerode';
import type { RunOutputEvent } from '../contract';
import { Demuxer } from './demux';
import { OutputBuffer, type OutputChunk } from './output-buffer';

/** How long a run nobody is watching keeps its attach stream and buffer. */
const IDLE_MS = 60_000;
/** At most this many runs are held; past it the oldest unwatched one is let go. */
const MAX_HELD = 16;
/** Output is batched this long before it is sent: live to the eye, not one message per byte. */
const FLUSH_MS = 25;
/** After the exit, how long to wait for the last bytes still in the attach stream. */
const DRAIN_MS = 2000;

type Listener = (e: RunOutputEvent) => void;
type AttachStream = NodeJS.ReadWriteStream & { destroy?: () => void };

export interface HeldRun {
  readonly outputId: string;
  /** Drops the run (the start failed): closes the attach stream and the wait, keeps nothing. */
  discard(): void;
}

class Run implements HeldRun {
  readonly outputId = randomUUID();
  private readonly buffer = new OutputBuffer();
  private readonly pending = new OutputBuffer(64 * 1024);
  private readonly listeners = new Set<Listener>();
  private exit: { exitCode: number | null } | null = null;
  private flushTimer: ReturnType<typeof setTimeout> | null = null;
  private idleTimer: ReturnType<typeof setTimeout> | null = null;
  private closed = false;

  constructor(
    private readonly closeStreams: () => void,
    private readonly onRelease: (run: Run) => void,
  ) {
    this.armIdle();
  }

  get watched(): boolean {
    return this.listeners.size > 0;
  }

  add(chunk: OutputChunk): void {
    if (this.closed) return;
    this.buffer.push(chunk);
    if (!this.listeners.size) return;
    this.pending.push(chunk);
    this.flushTimer ??= setTimeout(() => this.flush(), FLUSH_MS);
  }

  finish(exitCode: number | null): void {
    if (this.closed || this.exit) return;
    this.flush();
    this.exit = { exitCode };
    for (const l of this.listeners) l({ type: 'exit', exitCode });
    this.closeStreams();
  }

  subscribe(listener: Listener): () => void {
    // What is pending goes to the current watchers first: the newcomer gets it in the replay.
    this.flush();
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    this.listeners.add(listener);
    listener({ type: 'output', replace: true, chunks: [...this.buffer.chunks], dropped: this.buffer.dropped });
    if (this.exit) listener({ type: 'exit', exitCode: this.exit.exitCode });
    return () => {
      this.listeners.delete(listener);
      if (!this.listeners.size) this.armIdle();
    };
  }

  discard(): void {
    this.release();
  }

  release(): void {
    if (this.closed) return;
    this.closed = true;
    if (this.flushTimer) clearTimeout(this.flushTimer);
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.listeners.clear();
    this.closeStreams();
    this.onRelease(this);
  }

  private flush(): void {
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushTimer = null;
    if (!this.pending.length && !this.pending.dropped) return;
    const dropped = this.pending.dropped;
    const chunks = this.pending.take();
    this.pending.clear();
    for (const l of this.listeners) l({ type: 'output', replace: false, chunks, dropped });
  }

  private armIdle(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => this.release(), IDLE_MS);
    // A held run never keeps the process alive (tests, app shutdown).
    this.idleTimer.unref?.();
  }
}

export class AttachedRuns {
  private readonly runs = new Map<string, Run>();

  /**
   * Attaches to a created (not yet started) container and starts waiting for its exit, both
   * before the start, as the docker CLI does: a container that prints and exits at once, or is
   * removed at once (`--rm`), is still seen whole.
   */
  async attach(container: Docker.Container, opts: { tty: boolean; rm: boolean }): Promise<HeldRun> {
    const waitAbort = new AbortController();
    let stream: AttachStream | null = null;
    const run = new Run(
      () => {
        waitAbort.abort();
        stream?.destroy?.();
      },
      (r) => this.runs.delete(r.outputId),
    );
    // The exit code comes from next-exit: Podman answers a "removed" wait with StatusCode 0
    // whatever the code was. With --rm the run also waits for the removal, like the CLI.
    const removed = opts.rm ? container.wait({ condition: 'removed', abortSignal: waitAbort.signal }).catch(() => null) : null;
    const exited = container
      .wait({ condition: 'next-exit', abortSignal: waitAbort.signal })
      .then(
        (r: { StatusCode?: number }) => (typeof r.StatusCode === 'number' ? r.StatusCode : null),
        () => (waitAbort.signal.aborted ? undefined : null),
      )
      .then(async (code) => {
        if (code !== undefined && removed) await removed;
        return code;
      });
    try {
      // logs: false, as the CLI: the engine registers the streams before it answers, so nothing
      // printed after the start is missed; a log replay on top (logs: true) raced with the start
      // and showed early lines twice on a loaded machine.
      stream = (await container.attach({ stream: true, stdout: true, stderr: true, logs: false })) as AttachStream;
    } catch (err) {
      run.release();
      throw err;
    }
    const demux = new Demuxer(0, (c) => run.add(c));
    const ended = new Promise<void>((resolve) => {
      stream!.on('end', resolve);
      stream!.on('close', resolve);
      // An aborted or broken stream says so with 'error': the exit (or the wait's failure) still ends the run.
      stream!.on('error', () => resolve());
    });
    stream!.on('data', (c: Buffer) => (opts.tty ? demux.push(ttyFrame(c)) : demux.push(c)));
    void exited.then(async (code) => {
      if (code === undefined) return;
      let timer: ReturnType<typeof setTimeout> | undefined;
      await Promise.race([ended, new Promise((r) => (timer = setTimeout(r, DRAIN_MS)))]);
      clearTimeout(timer);
      run.finish(code);
    });
    this.make(run);
    return run;
  }

  /** Subscribes to a held run's output; null when it is not (or no longer) held. */
  subscribe(outputId: string, listener: Listener): (() => void) | null {
    return this.runs.get(outputId)?.subscribe(listener) ?? null;
  }

  /** Number of held runs (for leak checks). */
  get size(): number {
    return this.runs.size;
  }

  closeAll(): void {
    for (const r of [...this.runs.values()]) r.release();
  }

  private make(run: Run): void {
    if (this.runs.size >= MAX_HELD) {
      const oldest = [...this.runs.values()].find((r) => !r.watched);
      oldest?.release();
    }
    this.runs.set(run.outputId, run);
  }
}

/** Wraps raw TTY bytes as one stdout frame so the same demuxer handles both. */
function ttyFrame(chunk: Buffer): Buffer {
  const h = Buffer.alloc(8);
  h[0] = 1;
  h.writeUInt32BE(chunk.length, 4);
  return Buffer.concat([h, chunk]);
}
