/**
 * What Compose writes on the containers it creates, read back without the compose CLI. Pure and
 * schema-free: the renderer groups its list with it and main finds a project's files with it.
 * Compose v1 (Debian's docker-compose 1.29) and v2 write the same labels.
 */
export const PROJECT_LABEL = 'com.docker.compose.project';
export const WORKING_DIR_LABEL = 'com.docker.compose.project.working_dir';
export const CONFIG_FILES_LABEL = 'com.docker.compose.project.config_files';
export const SERVICE_LABEL = 'com.docker.compose.service';
export const NUMBER_LABEL = 'com.docker.compose.container-number';

export interface StackInfo {
  project: string;
  workingDir: string;
  configFiles: string[];
}

/** The Compose project a container belongs to, from its labels; null for a plain container. */
export function stackOf(labels: Record<string, string>): StackInfo | null {
  const project = labels[PROJECT_LABEL];
  if (!project) return null;
  const workingDir = labels[WORKING_DIR_LABEL] ?? '';
  return { project, workingDir, configFiles: splitConfigFiles(labels[CONFIG_FILES_LABEL] ?? '', workingDir) };
}

/**
 * The config-files label is a comma-separated list; Compose v2 writes absolute paths, some
 * versions wrote them relative to the working directory. Both come back absolute here.
 */
export function splitConfigFiles(value: string, workingDir: string): string[] {
  return value
    .split(',')
    .map((f) => f.trim())
    .filter(Boolean)
    .map((f) => (isAbsolute(f) || !workingDir ? f : `${workingDir.replace(/[\\/]+$/, '')}/${f}`));
}

function isAbsolute(p: string): boolean {
  return p.startsWith('/') || /^[A-Za-z]:[\\/]/.test(p) || p.startsWith('\\\\');
}

export type GroupedEntry<T> = { kind: 'stack'; project: string; info: StackInfo; items: T[] } | { kind: 'single'; item: T };

/**
 * Groups a list (already filtered and sorted) under Compose projects: a stack takes the place of
 * its first member, its members keep their order, and items without the label stay as they are.
 */
export function groupByStack<T extends { labels: Record<string, string> }>(items: T[]): GroupedEntry<T>[] {
  const out: GroupedEntry<T>[] = [];
  const stacks = new Map<string, Extract<GroupedEntry<T>, { kind: 'stack' }>>();
  for (const item of items) {
    const info = stackOf(item.labels);
    if (!info) {
      out.push({ kind: 'single', item });
      continue;
    }
    let entry = stacks.get(info.project);
    if (!entry) {
      entry = { kind: 'stack', project: info.project, info, items: [] };
      stacks.set(info.project, entry);
      out.push(entry);
    }
    entry.items.push(item);
  }
  return out;
}

/** The service a container runs in its project ("web"), or its name when it has no label. */
export function serviceOf(c: { name: string; labels: Record<string, string> }): string {
  const service = c.labels[SERVICE_LABEL];
  if (!service) return c.name;
  const n = c.labels[NUMBER_LABEL];
  return n && n !== '1' ? `${service}-${n}` : service;
}
