/** Every check type against snapshots recorded from a real engine (see record-snapshots.ts). */
import { describe, expect, it } from 'vitest';
import allDone from './recorded/all-done.json';
import afterCleanup from './recorded/after-cleanup.json';
import { checkSchema, CHECK_TYPES, endings, evaluateCheck, splitReference, type CheckSpec } from '../../../main/lessons/checks';
import type { EngineSnapshot } from '../../../main/lessons/snapshot';

const done = allDone as unknown as EngineSnapshot;
const cleaned = afterCleanup as unknown as EngineSnapshot;
const empty: EngineSnapshot = { containers: [], networks: done.networks.filter((n) => ['bridge', 'host', 'none'].includes(n.name)), volumes: [], images: [], events: [] };
const spec = (raw: unknown): CheckSpec => checkSchema.parse(raw);
const met = (raw: unknown, s: EngineSnapshot) => evaluateCheck(spec(raw), s).met;

// One representative parameter set per check type; all met by the recorded "all done" snapshot.
const CASES: Record<string, unknown> = {
  'engine-connected': { type: 'engine-connected' },
  'container-running': { type: 'container-running' },
  'containers-same-image': { type: 'containers-same-image', min: 2 },
  'port-published': { type: 'port-published', hostPort: 8080, containerPort: 80 },
  'container-ended': { type: 'container-ended', how: 'stop' },
  'volume-outlived-container': { type: 'volume-outlived-container' },
  'network-none': { type: 'network-none' },
  'custom-network': { type: 'custom-network', minContainers: 3, published: 1 },
  'exec-ran': { type: 'exec-ran', commands: ['netstat'] },
  'container-event': { type: 'container-event', action: 'top' },
  'exited-nonzero': { type: 'exited-nonzero' },
  'memory-limit': { type: 'memory-limit', maxBytes: 64 * 1024 * 1024 },
  'cpu-limit': { type: 'cpu-limit', maxCpus: 0.5 },
  'image-tagged': { type: 'image-tagged', tag: '1.2.3' },
  'image-semver-and-latest': { type: 'image-semver-and-latest' },
};

// Checks about what happened (events) stay true after the objects are gone; the others do not.
const HISTORY_BASED = new Set(['container-ended', 'exec-ran', 'container-event', 'engine-connected', 'exited-nonzero']);

describe('every check type', () => {
  it('has a case here (image-pulled, image-pushed and the cluster checks are tested on their own below)', () => {
    expect(Object.keys(CASES).sort()).toEqual(CHECK_TYPES.filter((t) => t !== 'image-pulled' && t !== 'image-pushed' && !t.startsWith('service-')).sort());
  });

  for (const [type, raw] of Object.entries(CASES)) {
    it(`${type}: met on the recorded engine state`, () => {
      const r = evaluateCheck(spec(raw), done);
      expect(r.met, r.detail).toBe(true);
      expect(r.detail.length).toBeGreaterThan(5);
    });
    if (type !== 'engine-connected') {
      it(`${type}: not met on an empty engine`, () => {
        expect(met(raw, empty)).toBe(false);
      });
      it(`${type}: ${HISTORY_BASED.has(type) ? 'still met' : 'no longer met'} after the objects were removed`, () => {
        expect(met(raw, cleaned)).toBe(HISTORY_BASED.has(type));
      });
    }
  }
});

describe('check details', () => {
  it('port-published needs the exact host port when one is given', () => {
    expect(met({ type: 'port-published', hostPort: 8081, containerPort: 80 }, done)).toBe(false);
    expect(met({ type: 'port-published', containerPort: 80 }, done)).toBe(true);
    expect(met({ type: 'port-published', containerPort: 443 }, done)).toBe(false);
  });

  it('tells stop (SIGTERM first, even when escalated) from kill (SIGKILL only)', () => {
    const byName = Object.fromEntries(endings(done.events).map((e) => [e.name.replace(/-[0-9a-f]{6}$/, ''), e.how]));
    expect(byName['dockside-test-stopped']).toBe('stop');
    expect(byName['dockside-test-killed']).toBe('kill');
    expect(byName['dockside-test-broken']).toBe('exit');
    const onlyStop = { ...done, events: done.events.filter((e) => !(e.attributes.name ?? '').includes('killed')) };
    expect(met({ type: 'container-ended', how: 'kill' }, onlyStop)).toBe(false);
    expect(met({ type: 'container-ended', how: 'stop' }, onlyStop)).toBe(true);
  });

  it("counts Podman's signal-less kill as a kill only when the container died of SIGKILL", () => {
    // Podman 4.3's compat events, as its `docker kill` produced them: no signal attribute.
    const ev = (action: string, attributes: Record<string, string>, t: number) => ({ type: 'container', action, id: 'p1', attributes: { name: 'pod-web', ...attributes }, timeNano: t * 1e9 });
    const killed = endings([ev('start', {}, 1), ev('kill', {}, 2), ev('die', { exitCode: '137' }, 3)]);
    expect(killed.map((e) => e.how)).toEqual(['kill']);
    const hup = endings([ev('start', {}, 1), ev('kill', {}, 2), ev('die', { exitCode: '129' }, 3)]);
    expect(hup.map((e) => e.how)).toEqual(['exit']);
  });

  it('volume-outlived-container needs the first container destroyed, not just stopped', () => {
    const noDestroy = { ...done, events: done.events.filter((e) => e.action !== 'destroy') };
    expect(met({ type: 'volume-outlived-container' }, noDestroy)).toBe(false);
    const noSecond = { ...done, containers: done.containers.filter((c) => !c.name.includes('reader')), events: done.events.filter((e) => !(e.type === 'volume' && e.action === 'mount' && e.attributes.container === done.containers.find((c) => c.name.includes('reader'))!.id)) };
    expect(met({ type: 'volume-outlived-container' }, noSecond)).toBe(false);
  });

  it('custom-network counts only running containers and published ones exactly', () => {
    expect(met({ type: 'custom-network', minContainers: 3, published: 0 }, done)).toBe(false);
    expect(met({ type: 'custom-network', minContainers: 4 }, done)).toBe(false);
    const stopped = { ...done, containers: done.containers.map((c) => (c.name.includes('-b1-') ? { ...c, state: 'exited' } : c)) };
    expect(met({ type: 'custom-network', minContainers: 3, published: 1 }, stopped)).toBe(false);
  });

  it('memory and cpu limits compare against the maximum', () => {
    expect(met({ type: 'memory-limit', maxBytes: 32 * 1024 * 1024 }, done)).toBe(false);
    expect(met({ type: 'cpu-limit', maxCpus: 0.25 }, done)).toBe(false);
  });

  it('exec-ran matches the program, not any word of the command', () => {
    expect(met({ type: 'exec-ran', commands: ['ls'] }, done)).toBe(true);
    expect(met({ type: 'exec-ran', commands: ['sh'] }, done)).toBe(true);
    expect(met({ type: 'exec-ran', commands: ['true'] }, done)).toBe(false);
  });

  it('image-semver-and-latest needs both tags on the same repository and image', () => {
    const onlyLatest = { ...done, images: done.images.map((i) => ({ ...i, repoTags: i.repoTags.filter((t) => t.endsWith(':latest')) })) };
    expect(met({ type: 'image-semver-and-latest' }, onlyLatest)).toBe(false);
    const split = { ...done, images: done.images[0]!.repoTags.map((t, n) => ({ id: `sha256:${n}`, repoTags: [t] })) };
    expect(met({ type: 'image-semver-and-latest' }, split)).toBe(false);
    expect(splitReference('localhost:5000/team/app:1.0.0')).toEqual({ repository: 'localhost:5000/team/app', tag: '1.0.0' });
    expect(splitReference('localhost:5000/team/app')).toEqual({ repository: 'localhost:5000/team/app', tag: 'latest' });
  });

  it('image-pushed reads push events; versionAndLatest needs both tags of one repository', () => {
    const push = (ref: string, t: number) => ({ type: 'image', action: 'push', id: ref, attributes: { name: ref }, timeNano: t });
    expect(met({ type: 'image-pushed' }, { ...empty, events: [push('localhost:5000/app:1.0.0', 1)] })).toBe(true);
    expect(met({ type: 'image-pushed' }, done)).toBe(false);
    expect(met({ type: 'image-pushed', versionAndLatest: true }, { ...empty, events: [push('localhost:5000/app:1.0.0', 1)] })).toBe(false);
    expect(met({ type: 'image-pushed', versionAndLatest: true }, { ...empty, events: [push('localhost:5000/app:1.0.0', 1), push('localhost:5000/other:latest', 2)] })).toBe(false);
    expect(met({ type: 'image-pushed', versionAndLatest: true }, { ...empty, events: [push('localhost:5000/app:1.0.0', 1), push('localhost:5000/app:latest', 2)] })).toBe(true);
  });

  it('image-pushed: a push --all-tags (one event naming the repository) counts for the local tags of that repository', () => {
    const allTags = { type: 'image', action: 'push', id: 'localhost:5000/app', attributes: { name: 'localhost:5000/app' }, timeNano: 1 };
    const images = [{ id: 'sha256:a', repoTags: ['localhost:5000/app:1.0.0', 'localhost:5000/app:latest', 'app:latest'] }];
    const r = evaluateCheck(spec({ type: 'image-pushed', versionAndLatest: true }), { ...empty, images, events: [allTags] });
    expect(r).toEqual({ met: true, detail: 'Pushed localhost:5000/app:1.0.0 and localhost:5000/app:latest.' });
    expect(met({ type: 'image-pushed', versionAndLatest: true }, { ...empty, images: [{ id: 'sha256:a', repoTags: ['localhost:5000/app:latest'] }], events: [allTags] })).toBe(false);
    expect(evaluateCheck(spec({ type: 'image-pushed' }), { ...empty, events: [allTags] }).detail).toBe('Pushed localhost:5000/app (all tags).');
  });

  it('image-pulled reads pull events', () => {
    const pull = { type: 'image', action: 'pull', id: 'localhost:5000/app:1.0.0', attributes: { name: 'localhost:5000/app' }, timeNano: 1 };
    expect(met({ type: 'image-pulled' }, { ...empty, events: [pull] })).toBe(true);
    expect(met({ type: 'image-pulled' }, done)).toBe(false);
  });

  it('exited-nonzero ignores containers that exited with 0, and killed or stopped ones', () => {
    const zero = {
      ...done,
      containers: done.containers.map((c) => ({ ...c, status: c.status.replace(/^Exited \(\d+\)/, 'Exited (0)') })),
      events: done.events.map((e) => (e.action === 'die' ? { ...e, attributes: { ...e.attributes, exitCode: '0' } } : e)),
    };
    expect(met({ type: 'exited-nonzero' }, zero)).toBe(false);
    const noBroken = { ...done, containers: [], events: done.events.filter((e) => !(e.attributes.name ?? '').includes('broken')) };
    expect(evaluateCheck(spec({ type: 'exited-nonzero' }), noBroken).met).toBe(false);
  });
});

describe('cluster checks (services as a Swarm manager reports them)', () => {
  const svc = (over: Partial<NonNullable<EngineSnapshot['services']>[number]>) => ({ id: 's1', name: 'web', image: 'helloworld:1.0.0', running: 3, desired: 3, ...over });
  const withServices = (services: EngineSnapshot['services']): EngineSnapshot => ({ ...empty, ...(services ? { services } : {}) });

  it('service-replicas needs enough running replicas of a versioned image, and says what is missing', () => {
    expect(met({ type: 'service-replicas' }, withServices([svc({})]))).toBe(true);
    expect(met({ type: 'service-replicas', min: 4 }, withServices([svc({})]))).toBe(false);
    expect(met({ type: 'service-replicas' }, withServices([svc({ running: 1 })]))).toBe(false);
    const latest = evaluateCheck(spec({ type: 'service-replicas' }), withServices([svc({ image: 'helloworld:latest' })]));
    expect(latest).toMatchObject({ met: false });
    expect(latest.detail).toMatch(/version tag/);
    const noCluster = evaluateCheck(spec({ type: 'service-replicas' }), withServices(undefined));
    expect(noCluster.detail).toMatch(/not a cluster manager/);
  });

  it('service-updated needs a completed update to another image', () => {
    expect(met({ type: 'service-updated' }, withServices([svc({ updateState: 'completed', previousImage: 'helloworld:1.0.0', image: 'helloworld:1.1.0' })]))).toBe(true);
    expect(met({ type: 'service-updated' }, withServices([svc({ updateState: 'updating', previousImage: 'helloworld:1.0.0', image: 'helloworld:1.1.0' })]))).toBe(false);
    expect(met({ type: 'service-updated' }, withServices([svc({ updateState: 'paused', previousImage: 'helloworld:1.0.0', image: 'helloworld:1.1.0' })]))).toBe(false);
    // A scale also completes an "update", but with the same image: not a new version.
    expect(met({ type: 'service-updated' }, withServices([svc({ updateState: 'completed', previousImage: 'helloworld:1.0.0' })]))).toBe(false);
  });

  it('service-rolled-back reads a completed rollback', () => {
    expect(met({ type: 'service-rolled-back' }, withServices([svc({ updateState: 'rollback_completed' })]))).toBe(true);
    expect(met({ type: 'service-rolled-back' }, withServices([svc({ updateState: 'rollback_started' })]))).toBe(false);
    expect(met({ type: 'service-rolled-back' }, withServices([]))).toBe(false);
  });
});
