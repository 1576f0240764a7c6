/**
 * Records real engine snapshots for the check unit tests (run by hand: `npx tsx
 * test/unit/lessons/record-snapshots.ts`). It creates labelled objects for each lesson task,
 * records a "done" snapshot, removes them and records an "undone" one, keeping only this run's
 * objects and events so the fixtures do not depend on whatever else the engine holds.
 */
import fs from 'node:fs';
import path from 'node:path';
import { buildSnapshot } from '../../../main/lessons/engine-snapshot';
import { readPastEvents } from '../../../main/lessons/history';
import type { EngineSnapshot } from '../../../main/lessons/snapshot';
import { cleanupRun, runContainer, testDocker } from '../../support/engine';
import { WEB_IMAGE } from '../../support/fixtures';
import { RUN_ID, testLabels, testName } from '../../support/labels';

const docker = testDocker();
const out = path.join(path.dirname(new URL(import.meta.url).pathname), 'recorded');

function onlyOurs(s: EngineSnapshot, ids: Set<string>, names: Set<string>, tags: string[]): EngineSnapshot {
  return {
    containers: s.containers.filter((c) => ids.has(c.id)),
    networks: s.networks.filter((n) => ['bridge', 'host', 'none'].includes(n.name) || names.has(n.name)),
    volumes: s.volumes.filter((v) => names.has(v.name)),
    images: s.images.filter((i) => i.repoTags.some((t) => tags.includes(t))).map((i) => ({ ...i, repoTags: i.repoTags.filter((t) => tags.includes(t)) })),
    events: s.events.filter((e) => ids.has(e.id) || names.has(e.id) || ids.has(e.attributes.container ?? '') || tags.some((t) => e.id === t || e.attributes.name === t)),
  };
}

async function main() {
  const since = Math.floor(Date.now() / 1000) - 1;
  const ids = new Set<string>();
  const names = new Set<string>();
  const track = async (p: Promise<{ id: string }>) => ids.add((await p).id);
  const net = testName('lsn-net');
  const vol = testName('lsn-vol');
  names.add(net).add(vol);
  const tagBase = `dockside-test/lsn-${RUN_ID}`.toLowerCase();
  const tags = [`${tagBase}:1.2.3`, `${tagBase}:latest`];
  try {
    await track(runContainer({ name: testName('web'), image: WEB_IMAGE, ports: { '80/tcp': '8080' } }));
    await track(runContainer({ name: testName('limited'), image: WEB_IMAGE, memory: 64 * 1024 * 1024, nanoCpus: 5e8 }));
    await track(runContainer({ name: testName('sealed'), image: WEB_IMAGE, networkMode: 'none' }));
    const stopped = await runContainer({ name: testName('stopped'), image: WEB_IMAGE });
    ids.add(stopped.id);
    await stopped.stop({ t: 1 });
    const killed = await runContainer({ name: testName('killed'), image: WEB_IMAGE });
    ids.add(killed.id);
    await killed.kill();
    const failed = await runContainer({ name: testName('broken'), image: WEB_IMAGE, cmd: ['sh', '-c', 'echo oops; exit 3'] });
    ids.add(failed.id);
    await failed.wait();
    await docker.createNetwork({ Name: net, Labels: testLabels() });
    for (const n of ['b1', 'b2']) await track(runContainer({ name: testName(n), image: WEB_IMAGE, networkMode: net }));
    await track(runContainer({ name: testName('lb'), image: WEB_IMAGE, networkMode: net, ports: { '80/tcp': '' } }));
    await docker.createVolume({ Name: vol, Labels: testLabels() });
    const writer = await runContainer({ name: testName('writer'), image: WEB_IMAGE, binds: [`${vol}:/data`], cmd: ['sh', '-c', 'echo kept > /data/f'] });
    ids.add(writer.id);
    await writer.wait();
    await writer.remove();
    await track(runContainer({ name: testName('reader'), image: WEB_IMAGE, binds: [`${vol}:/data`] }));
    const web = docker.getContainer([...ids][0]!);
    for (const cmd of [['ls'], ['netstat', '-ltn'], ['sh', '-c', 'true']]) {
      const ex = await web.exec({ Cmd: cmd, AttachStdout: true, AttachStderr: true });
      const s = await ex.start({});
      await new Promise((r) => { s.on('end', r); s.resume(); });
    }
    await web.top();
    const img = docker.getImage(WEB_IMAGE);
    for (const t of tags) {
      const [repo, tag] = [t.slice(0, t.lastIndexOf(':')), t.slice(t.lastIndexOf(':') + 1)];
      await img.tag({ repo, tag });
    }
    const events = await readPastEvents(docker, since);
    const done = onlyOurs(await buildSnapshot(docker, events, true), ids, names, tags);
    fs.writeFileSync(path.join(out, 'all-done.json'), JSON.stringify(done, null, 1));
  } finally {
    for (const t of tags) await docker.getImage(t).remove({ noprune: true }).catch(() => undefined);
    await cleanupRun(docker);
  }
  // After clean-up: objects gone, only the event history remains.
  const events = await readPastEvents(docker, since);
  const after = onlyOurs(await buildSnapshot(docker, events, true), ids, names, tags);
  fs.writeFileSync(path.join(out, 'after-cleanup.json'), JSON.stringify(after, null, 1));
  console.log('recorded', done_count(after));
}
const done_count = (s: EngineSnapshot) => `${s.events.length} events`;
void main();
