/** Compose stacks through the service, with a project started by the real compose CLI. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StackLogEvent } from '../../main/contract';
import { unpackLines } from '../../main/debug/log-batch';
import { createService, type Service } from '../../main/service/create-service';
import { groupByStack } from '../../main/stacks/compose-labels';
import { startComposeProject, type ComposeProject } from '../support/compose-project';
import { cleanupRun, runContainer, testDocker, waitFor } from '../support/engine';
import { WEB_IMAGE } from '../support/fixtures';
import { RUN_ID, TEST_LABEL, testName } from '../support/labels';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

let service: Service;
let stack: ComposeProject;
let dataDir: string;
const project = testName('stack');
const plain = testName('plain');
const otherProjectMember = testName('other');

async function engineState(name: string): Promise<string | null> {
  const list = await testDocker().listContainers({ all: true, filters: { name: [`^/${name}$`] } });
  return list[0]?.State ?? null;
}

async function projectMembers(): Promise<{ Id: string; Names: string[]; State: string }[]> {
  return testDocker().listContainers({ all: true, filters: { label: [`com.docker.compose.project=${project}`, `${TEST_LABEL}=${RUN_ID}`] } });
}

beforeAll(async () => {
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'dockside-stacks-it-'));
  service = await createService({ dataDir });
  stack = await startComposeProject(project);
  // Two bystanders: a plain container and a container of another project. Neither may be touched.
  await runContainer({ name: plain, image: WEB_IMAGE });
  await runContainer({ name: otherProjectMember, image: WEB_IMAGE, labels: { 'com.docker.compose.project': `${project}-other` } });
}, 180_000);

afterAll(async () => {
  service.close();
  await stack?.dispose();
  await cleanupRun();
  await fs.rm(dataDir, { recursive: true, force: true });
});

describe('Compose stacks', () => {
  it('groups the project with its containers, its folder and its files; plain containers stay plain', async () => {
    const members = await projectMembers();
    expect(members).toHaveLength(2);

    const listed = await service.call('stacks:list', {});
    if (!listed.ok) throw new Error(listed.error.message);
    expect(listed.value.composeCli).not.toBeNull();
    const mine = listed.value.stacks.find((s) => s.project === project);
    expect(mine).toBeDefined();
    expect(new Set(mine!.containers)).toEqual(new Set(members.map((m) => m.Id)));
    expect(await fs.realpath(mine!.workingDir)).toBe(await fs.realpath(stack.dir));
    expect(mine!.configFiles.map((f) => path.basename(f))).toEqual(['docker-compose.yml']);
    expect(mine!.filesOnDisk).toBe(true);

    const containers = await service.call('containers:list', { all: true });
    if (!containers.ok) throw new Error(containers.error.message);
    const groups = groupByStack(containers.value);
    const group = groups.find((g) => g.kind === 'stack' && g.project === project);
    expect(group?.kind === 'stack' && group.items.map((c) => c.id).sort()).toEqual(members.map((m) => m.Id).sort());
    expect(groups.some((g) => g.kind === 'single' && g.item.name === plain)).toBe(true);
  });

  it('follows the logs of every container of the stack together', async () => {
    const events: StackLogEvent[] = [];
    const sub = await service.dispatcher.subscribe('it', 'stacks:logs', { project, tail: 5 }, (_id, e) => events.push(e as StackLogEvent), () => undefined);
    if (!sub.ok) throw new Error(sub.error.message);
    try {
      await waitFor(() => {
        const text = events.flatMap((e) => unpackLines(e.batch).map((l) => `${e.service}: ${l.text}`));
        return text.some((t) => t === 'web: web tick') && text.some((t) => t === 'worker: worker tick');
      }, 'a line from each service');
    } finally {
      service.dispatcher.unsubscribe('it', sub.value);
    }
  });

  it('stops every container of the stack and nothing else, with the compose command', async () => {
    const r = await service.call('stacks:action', { project, action: 'stop' });
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.command).toBe(`docker compose -p ${project} stop`);
    expect(r.value.results).toHaveLength(2);
    expect(r.value.results.every((x) => x.ok)).toBe(true);
    expect((await projectMembers()).map((m) => m.State)).toEqual(['exited', 'exited']);
    expect(await engineState(plain)).toBe('running');
    expect(await engineState(otherProjectMember)).toBe('running');
  });

  it('starts the stack again, then removes all its containers and nothing else', async () => {
    const started = await service.call('stacks:action', { project, action: 'start' });
    if (!started.ok) throw new Error(started.error.message);
    expect((await projectMembers()).map((m) => m.State)).toEqual(['running', 'running']);

    const removed = await service.call('stacks:action', { project, action: 'remove' });
    if (!removed.ok) throw new Error(removed.error.message);
    expect(removed.value.command).toBe(`docker compose -p ${project} rm --stop --force`);
    expect(removed.value.equivalent).toMatch(/^docker rm --force /);
    expect(removed.value.results.filter((x) => x.ok)).toHaveLength(2);
    expect(await projectMembers()).toHaveLength(0);
    expect(await engineState(plain)).toBe('running');
    expect(await engineState(otherProjectMember)).toBe('running');

    const again = await service.call('stacks:action', { project, action: 'stop' });
    expect(again.ok).toBe(false);
    if (!again.ok) expect(again.error.field).toBe('project');
  });

  it('brings a remembered project back with `up -d` and takes it down with `down`, through the compose CLI', async () => {
    // Its containers are gone, but the files are on disk and the project was seen before.
    const listed = await service.call('stacks:list', {});
    if (!listed.ok) throw new Error(listed.error.message);
    const mine = listed.value.stacks.find((s) => s.project === project);
    expect(mine).toMatchObject({ containers: [], filesOnDisk: true });

    const up = await service.call('stacks:compose', { project, action: 'up' });
    if (!up.ok) throw new Error(up.error.message);
    expect(up.value.exitCode).toBe(0);
    expect(up.value.command).toMatch(new RegExp(`^docker(-| )compose -p ${project} -f \\S+docker-compose.yml --project-directory \\S+ up -d$`));
    await waitFor(async () => (await projectMembers()).filter((m) => m.State === 'running').length === 2, 'both services running again', 30_000);

    const down = await service.call('stacks:compose', { project, action: 'down' });
    if (!down.ok) throw new Error(down.error.message);
    expect(down.value.exitCode).toBe(0);
    expect(await projectMembers()).toHaveLength(0);
    expect(await testDocker().listNetworks({ filters: { name: [`${project}_default`] } })).toHaveLength(0);
    expect(await engineState(plain)).toBe('running');
    expect(await engineState(otherProjectMember)).toBe('running');
  });

  it('refuses compose for a project it does not know, naming the field', async () => {
    const r = await service.call('stacks:compose', { project: `${project}-nowhere`, action: 'up' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.field).toBe('project');
    const bad = await service.call('stacks:action', { project: '../etc', action: 'stop' });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error.code).toBe('invalid-argument');
  });
});
