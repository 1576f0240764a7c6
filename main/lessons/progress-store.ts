/**
 * Saved progress, per engine, in <dataDir>/progress.json.
 *
 * Progress means the learner did it: each engine remembers when the learner started the course on
 * it (`startedAt`) and when each lesson was last reset (`lessonSince`); the tracker only counts
 * what the engine reports after that time, so older history (other tools, earlier runs) never
 * ticks a task. A task is stored the first time its check is met (sticky: learning it once counts,
 * even after the container is gone), with how it was met and when; quiz answers are stored as
 * right or wrong. Writes go to a temporary file first so a crash never leaves half a file behind.
 */
import fs from 'node:fs';
import path from 'node:path';

export interface DoneTask {
  /** ISO time first met. */
  at: string;
  /** How it was met, in words for the learner (the check's detail at that moment). */
  how: string;
}

export interface EngineProgress {
  /** ISO time the learner started the course on this engine (or reset all of it). */
  startedAt: string;
  /** Lesson id -> ISO time that lesson was last reset. */
  lessonSince: Record<string, string>;
  /** "<lessonId>/<taskId>" -> when and how it was first met. */
  tasks: Record<string, DoneTask>;
  /** "<lessonId>/<question index>" -> answered correctly. */
  quiz: Record<string, boolean>;
}

interface ProgressFile {
  version: 2;
  engines: Record<string, EngineProgress>;
}

/** Version 1 stored only the time per task and no start time. */
interface ProgressFileV1 {
  version: 1;
  engines: Record<string, { tasks?: Record<string, string>; quiz?: Record<string, boolean> }>;
}

function fromV1(v1: ProgressFileV1, now: string): ProgressFile {
  const engines: Record<string, EngineProgress> = {};
  for (const [key, p] of Object.entries(v1.engines ?? {})) {
    engines[key] = {
      startedAt: now,
      lessonSince: {},
      tasks: Object.fromEntries(Object.entries(p.tasks ?? {}).map(([k, at]) => [k, { at, how: 'Met (saved by an earlier Dockside, which did not record how).' }])),
      quiz: { ...(p.quiz ?? {}) },
    };
  }
  return { version: 2, engines };
}

export class ProgressStore {
  private data: ProgressFile;
  readonly file: string;

  constructor(
    dataDir: string,
    private readonly clock: () => Date = () => new Date(),
  ) {
    this.file = path.join(dataDir, 'progress.json');
    this.data = this.read();
  }

  private read(): ProgressFile {
    try {
      const parsed = JSON.parse(fs.readFileSync(this.file, 'utf8')) as Partial<ProgressFile> | Partial<ProgressFileV1>;
      if (parsed && parsed.version === 2 && parsed.engines && typeof parsed.engines === 'object') return parsed as ProgressFile;
      if (parsed && parsed.version === 1 && parsed.engines && typeof parsed.engines === 'object') return fromV1(parsed as ProgressFileV1, this.clock().toISOString());
    } catch {
      // Missing or unreadable: start empty (the next save replaces a broken file).
    }
    return { version: 2, engines: {} };
  }

  /** Whether this engine has progress yet (the course was started on it). */
  has(engine: string): boolean {
    return Boolean(this.data.engines[engine]);
  }

  /** This engine's progress; the first call for an engine starts the course on it now. */
  forEngine(engine: string): EngineProgress {
    let p = this.data.engines[engine];
    if (!p) {
      p = this.data.engines[engine] = { startedAt: this.clock().toISOString(), lessonSince: {}, tasks: {}, quiz: {} };
      this.save();
    }
    return p;
  }

  /** Unix nanoseconds from which engine events count for this lesson: course start or lesson reset. */
  sinceNano(engine: string, lessonId: string): number {
    const p = this.forEngine(engine);
    const t = Math.max(Date.parse(p.startedAt), Date.parse(p.lessonSince[lessonId] ?? '') || 0);
    return t * 1e6;
  }

  /** Marks tasks met for the first time; returns true when something new was stored. */
  markDone(engine: string, met: { key: string; how: string }[], at: string): boolean {
    const p = this.forEngine(engine);
    let changed = false;
    for (const { key, how } of met) {
      if (!p.tasks[key]) {
        p.tasks[key] = { at, how };
        changed = true;
      }
    }
    if (changed) this.save();
    return changed;
  }

  setQuiz(engine: string, key: string, correct: boolean): void {
    // A right answer stays right; a later wrong click does not take the credit away.
    const p = this.forEngine(engine);
    p.quiz[key] = p.quiz[key] === true || correct;
    this.save();
  }

  /**
   * Forgets one lesson's progress (or all) on one engine, and counts only what happens from now
   * on for it: a reset really resets, even while the old container still runs.
   */
  reset(engine: string, lessonId?: string): void {
    const now = this.clock().toISOString();
    const p = this.forEngine(engine);
    if (!lessonId) {
      this.data.engines[engine] = { startedAt: now, lessonSince: {}, tasks: {}, quiz: {} };
    } else {
      for (const k of Object.keys(p.tasks)) if (k.startsWith(`${lessonId}/`)) delete p.tasks[k];
      for (const k of Object.keys(p.quiz)) if (k.startsWith(`${lessonId}/`)) delete p.quiz[k];
      p.lessonSince[lessonId] = now;
    }
    this.save();
  }

  private save(): void {
    fs.mkdirSync(path.dirname(this.file), { recursive: true });
    const tmp = `${this.file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify(this.data, null, 2));
    fs.renameSync(tmp, this.file);
  }
}
