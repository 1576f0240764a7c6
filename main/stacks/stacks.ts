/**
 * Compose stacks through the engine: a project is whatever carries its label, so start, stop,
 * restart and remove act on exactly those containers (found by a label filter) and nothing else.
 */
import fs from 'node:fs';
import type Docker from 'dockerode';
import type { BulkResult, StackSummary } from '../contract';
import { bulkContainers, forEachRef } from '../bulk/bulk-actions';
import { dockerCommand } from '../engine/docker-command';
import { FieldError } from '../engine/errors';
import { PROJECT_LABEL, stackOf, type StackInfo } from './compose-labels';
import { stackCommand, type StackAction } from './compose-command';
export { stackCommand, type StackAction };


export interface ProjectContainer {
  id: string;
  name: string;
  labels: Record<string, string>;
}

export async function projectContainers(docker: Docker, project: string): Promise<ProjectContainer[]> {
  const raw = await docker.listContainers({ all: true, filters: { label: [`${PROJECT_LABEL}=${project}`] } });
  return raw
    .map((c) => ({ id: c.Id, name: (c.Names?.[0] ?? c.Id.slice(0, 12)).replace(/^\//, ''), labels: c.Labels ?? {} }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** Projects on the engine, then remembered ones (no containers left) whose files still exist. */
export async function listStacks(docker: Docker, remembered: StackInfo[], exists: (file: string) => boolean = fs.existsSync): Promise<StackSummary[]> {
  const raw = await docker.listContainers({ all: true, filters: { label: [PROJECT_LABEL] } });
  const byProject = new Map<string, StackSummary>();
  for (const c of raw) {
    const info = stackOf(c.Labels ?? {});
    if (!info) continue;
    let s = byProject.get(info.project);
    if (!s) {
      s = { ...info, containers: [], filesOnDisk: filesExist(info.configFiles, exists) };
      byProject.set(info.project, s);
    }
    s.containers.push(c.Id);
  }
  for (const info of remembered) {
    if (byProject.has(info.project) || !filesExist(info.configFiles, exists)) continue;
    byProject.set(info.project, { ...info, containers: [], filesOnDisk: true });
  }
  return [...byProject.values()].sort((a, b) => a.project.localeCompare(b.project));
}

function filesExist(files: string[], exists: (file: string) => boolean): boolean {
  return files.length > 0 && files.every((f) => exists(f));
}

export async function stackAction(docker: Docker, project: string, action: StackAction): Promise<BulkResult & { project: string; equivalent: string }> {
  const members = await projectContainers(docker, project);
  if (members.length === 0) throw new FieldError('project', `No container carries the label ${PROJECT_LABEL}=${project}`);
  const names = members.map((m) => m.name);
  let result: BulkResult;
  if (action === 'restart') {
    const results = await forEachRef(names, async (ref) => {
      await docker.getContainer(ref).restart();
    });
    result = { command: dockerCommand('restart', ...names), results };
  } else {
    result = await bulkContainers(docker, action, names, action === 'remove');
  }
  return { project, results: result.results, command: stackCommand(project, action), equivalent: result.command };
}
