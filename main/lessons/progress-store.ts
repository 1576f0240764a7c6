/**
 * Saved progress, per engine, in <dataDir>/progress.json. A task is stored the first time its
 * check is met (sticky: learning it once counts, even after the container is gone); quiz answers
 * are stored as right or wrong. Writes go to a temporary file first so a crash never leaves half
 * a file behind.
 */
import fs from 'node:fs';
import path from 'node:path';

export interface EngineProgress {
  /** "<lessonId>/<taskId>" -> ISO time first met. */
  tasks: Record<string, string>;
  /** "<lessonId>/<question index>" -> answered correctly. */
  quiz: Record<string, boolean>;
}

interface ProgressFile {
  version: 1;
  engines: Record<string, EngineProgress>;
}

export class ProgressStore {
  private data: ProgressFile;
  readonly file: string;

  constructor(dataDir: string) {
    this.file = path.join(dataDir, 'progress.json');
    this.data = this.read();
  }

  private read(): ProgressFile {
    try {
      const parsed = JSON.parse(fs.readFileSync(this.file, 'utf8')) as Partial<ProgressFile>;
      if (parsed && parsed.version === 1 && parsed.engines && typeof parsed.engines === 'object') return parsed as ProgressFile;
    } catch {
      // Missing or unreadable: start empty (a broken file is kept aside below on first save).
    }
    return { version: 1, engines: {} };
  }

  forEngine(engine: string): EngineProgress {
    return (this.data.engines[engine] ??= { tasks: {}, quiz: {} });
  }

  /** Marks tasks met for the first time; returns true when something new was stored. */
  markDone(engine: string, keys: string[], at: string): boolean {
    const p = this.forEngine(engine);
    let changed = false;
    for (const k of keys) {
      if (!p.tasks[k]) {
        p.tasks[k] = at;
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

  /** Forgets one lesson's progress (or all) on one engine. */
  reset(engine: string, lessonId?: string): void {
    const p = this.forEngine(engine);
    if (!lessonId) {
      this.data.engines[engine] = { tasks: {}, quiz: {} };
    } else {
      for (const k of Object.keys(p.tasks)) if (k.startsWith(`${lessonId}/`)) delete p.tasks[k];
      for (const k of Object.keys(p.quiz)) if (k.startsWith(`${lessonId}/`)) delete p.quiz[k];
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
