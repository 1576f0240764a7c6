/**
 * Commands the learner typed in Dockside's Shell tab (see main/workflows/shell-commands.ts), as
 * the events a terminal's `docker exec` of the same command would have produced: an
 * `exec_start: <line>` and an `exec_die` with the exit code, marked `via: shell-tab`. The lesson
 * tracker adds them to its history like engine events, so the checks treat both the same.
 *
 * Kept per engine connection (keyed by the EngineManager, like own-activity) and bounded, so a
 * command typed while no lesson was open still counts when one opens; each entry names the
 * engine endpoint it ran on, so switching engines never carries commands across.
 */
import { perEngine } from './per-engine';
import type { SnapshotEvent } from './snapshot';

const MAX_EVENTS = 400;

export interface ShellCommandRecord {
  /** Endpoint URL of the engine the shell ran on. */
  engineUrl: string;
  containerId: string;
  containerName: string;
  line: string;
  exitCode: number;
  submittedAt: number;
  endedAt: number;
}

interface Entry {
  engineUrl: string;
  events: SnapshotEvent[];
}

export class LearnerShellActivity {
  private entries: Entry[] = [];
  private readonly listeners = new Set<(events: SnapshotEvent[], engineUrl: string) => void>();
  private seq = 0;

  record(r: ShellCommandRecord): void {
    const execID = `shell-tab-${++this.seq}-${r.submittedAt}`;
    const attributes = { name: r.containerName, execID, via: 'shell-tab' };
    const events: SnapshotEvent[] = [
      { type: 'container', action: `exec_start: ${r.line}`, id: r.containerId, attributes, timeNano: r.submittedAt * 1e6 },
      { type: 'container', action: 'exec_die', id: r.containerId, attributes: { ...attributes, exitCode: String(r.exitCode) }, timeNano: Math.max(r.endedAt, r.submittedAt) * 1e6 },
    ];
    this.entries.push({ engineUrl: r.engineUrl, events });
    if (this.entries.length > MAX_EVENTS / 2) this.entries.shift();
    for (const l of this.listeners) l(events, r.engineUrl);
  }

  /** Everything recorded on this engine endpoint, oldest first. */
  list(engineUrl: string): SnapshotEvent[] {
    return this.entries.filter((e) => e.engineUrl === engineUrl).flatMap((e) => e.events);
  }

  onRecord(fn: (events: SnapshotEvent[], engineUrl: string) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }
}

/** One register per engine connection (keyed by the EngineManager), shared by the shell sessions and the tracker. */
export const learnerShell = perEngine(() => new LearnerShellActivity());
