/**
 * Compose projects seen on an engine, remembered in the app's data folder so that a stack taken
 * `down` (no containers left to carry its labels) can still be brought back `up -d`.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import type { StackInfo } from './compose-labels';

type Store = Record<string, Record<string, { workingDir: string; configFiles: string[] }>>;

const MAX_PER_ENGINE = 200;

export class KnownProjects {
  constructor(private readonly file: string) {}

  static inDataDir(dataDir: string): KnownProjects {
    return new KnownProjects(path.join(dataDir, 'compose-projects.json'));
  }

  async read(engineUrl: string): Promise<StackInfo[]> {
    const store = await this.load();
    return Object.entries(store[engineUrl] ?? {}).map(([project, v]) => ({ project, workingDir: v.workingDir, configFiles: v.configFiles }));
  }

  /** Records projects that have files; writes only when something changed. */
  async remember(engineUrl: string, stacks: StackInfo[]): Promise<void> {
    const store = await this.load();
    const mine = (store[engineUrl] ??= {});
    let changed = false;
    for (const s of stacks) {
      if (s.configFiles.length === 0) continue;
      const old = mine[s.project];
      if (old && old.workingDir === s.workingDir && old.configFiles.join(',') === s.configFiles.join(',')) continue;
      mine[s.project] = { workingDir: s.workingDir, configFiles: s.configFiles };
      changed = true;
    }
    const names = Object.keys(mine);
    for (const extra of names.slice(0, Math.max(0, names.length - MAX_PER_ENGINE))) delete mine[extra];
    if (changed) await this.save(store);
  }

  private async load(): Promise<Store> {
    try {
      const parsed: unknown = JSON.parse(await fs.readFile(this.file, 'utf8'));
      return parsed && typeof parsed === 'object' ? (parsed as Store) : {};
    } catch {
      return {};
    }
  }

  private async save(store: Store): Promise<void> {
    await fs.mkdir(path.dirname(this.file), { recursive: true });
    const tmp = `${this.file}.${process.pid}.tmp`;
    await fs.writeFile(tmp, JSON.stringify(store, null, 2));
    await fs.rename(tmp, this.file);
  }
}
