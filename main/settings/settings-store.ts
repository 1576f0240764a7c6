/**
 * The user's settings in <dataDir>/settings.json (per user: the data folder is the user's own).
 * Read once, written atomically (temp file + rename), and every change announced, so the other
 * windows and browser tabs follow. A broken or hand-edited file falls back to the defaults for
 * the fields it gets wrong, never to a crash.
 */
import { EventEmitter } from 'node:events';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { statsIntervals, themes, type Settings } from '../contract';

// Stats sampled every 2 s by default: a one-shot request holds the engine's collector for at
// most one of its 1 s ticks, so about half the engine work of a 1 Hz stream (issue 16).
export const DEFAULT_SETTINGS: Settings = { theme: 'system', defaultEngine: '', notifications: true, statsIntervalMs: 2000 };

const fileSchema = z.object({
  theme: z.enum(themes).catch(DEFAULT_SETTINGS.theme),
  defaultEngine: z.string().max(2048).catch(DEFAULT_SETTINGS.defaultEngine),
  notifications: z.boolean().catch(DEFAULT_SETTINGS.notifications),
  statsIntervalMs: z.union(statsIntervals.map((n) => z.literal(n))).catch(DEFAULT_SETTINGS.statsIntervalMs),
});

export function settingsFile(dataDir: string): string {
  return path.join(dataDir, 'settings.json');
}

/** Reads the file without a store (e.g. at start-up, to pick the default engine). */
export function readSettings(dataDir: string): Settings {
  try {
    const raw: unknown = JSON.parse(fs.readFileSync(settingsFile(dataDir), 'utf8'));
    return fileSchema.parse({ ...DEFAULT_SETTINGS, ...(typeof raw === 'object' && raw ? raw : {}) });
  } catch {
    return { ...DEFAULT_SETTINGS };
  }
}

export class SettingsStore {
  private current: Settings;
  private readonly events = new EventEmitter();
  readonly file: string;

  constructor(readonly dataDir: string) {
    this.file = settingsFile(dataDir);
    this.current = readSettings(dataDir);
    this.events.setMaxListeners(0);
  }

  get(): Settings {
    return { ...this.current };
  }

  update(patch: Partial<Settings>): Settings {
    const next = { ...this.current };
    for (const [k, v] of Object.entries(patch) as [keyof Settings, Settings[keyof Settings] | undefined][]) {
      if (v !== undefined) (next as Record<string, unknown>)[k] = v;
    }
    fs.mkdirSync(this.dataDir, { recursive: true });
    const tmp = `${this.file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify(next, null, 2) + '\n');
    fs.renameSync(tmp, this.file);
    this.current = next;
    this.events.emit('change', this.get());
    return this.get();
  }

  onChange(cb: (s: Settings) => void): () => void {
    this.events.on('change', cb);
    return () => this.events.off('change', cb);
  }
}
