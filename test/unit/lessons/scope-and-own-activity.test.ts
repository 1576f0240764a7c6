/** Progress means the learner did it: the time scope, Dockside's own work, failed commands, rm -f. */
import { describe, expect, it } from 'vitest';
import allDone from './recorded/all-done.json';
import { checkSchema, endings, evaluateCheck } from '../../../main/lessons/checks';
import { OwnActivity } from '../../../main/lessons/own-activity';
import { normaliseRef, scopeSnapshot } from '../../../main/lessons/scope';
import type { EngineSnapshot, SnapshotEvent } from '../../../main/lessons/snapshot';

const done = allDone as unknown as EngineSnapshot;
const met = (raw: unknown, s: EngineSnapshot) => evaluateCheck(checkSchema.parse(raw), s).met;
const ev = (timeNano: number, action: string, id = 'c1', attributes: Record<string, string> = {}, type = 'container'): SnapshotEvent => ({ type, action, id, attributes, timeNano });
const empty: EngineSnapshot = { containers: [], networks: [], volumes: [], images: [], events: [] };

describe('scopeSnapshot', () => {
  const newest = Math.max(...done.events.map((e) => e.timeNano));
  const newestContainer = Math.max(...done.containers.map((c) => c.created));

  it('keeps everything when the course started before it all happened', () => {
    const s = scopeSnapshot(done, 0);
    expect(s.events).toHaveLength(done.events.length);
    expect(s.containers).toHaveLength(done.containers.length);
    for (const raw of [{ type: 'port-published', containerPort: 80 }, { type: 'network-none' }, { type: 'memory-limit', maxBytes: 64 * 1024 * 1024 }, { type: 'image-semver-and-latest' }]) {
      expect(met(raw, s), raw.type).toBe(true);
    }
  });

  it('after a later start (or reset) nothing older counts: no event, no container, no image', () => {
    const later = Math.max(newest, (newestContainer + 1) * 1e9) + 1e9;
    const s = scopeSnapshot(done, later);
    expect(s.events).toEqual([]);
    expect(s.containers).toEqual([]);
    expect(s.images).toEqual([]);
    for (const raw of [
      { type: 'container-running' },
      { type: 'port-published', containerPort: 80 },
      { type: 'container-ended', how: 'kill' },
      { type: 'exec-ran', commands: ['ls'] },
      { type: 'exited-nonzero' },
      { type: 'image-tagged', tag: '1.2.3' },
      { type: 'image-semver-and-latest' },
    ]) {
      expect(met(raw, s), JSON.stringify(raw)).toBe(false);
    }
  });

  it('an old container counts again once the learner starts it after the reset', () => {
    const c = done.containers.find((x) => x.state === 'running')!;
    const later = (newestContainer + 10) * 1e9;
    const s = scopeSnapshot({ ...done, events: [...done.events, ev(later + 5, 'start', c.id)] }, later);
    expect(s.containers.map((x) => x.id)).toEqual([c.id]);
  });

  it('an image counts when one of its names was tagged or pulled after the start; it keeps its other names', () => {
    const img = { id: 'sha256:1', repoTags: ['helloworld:latest', 'helloworld:1.0.0'] };
    const base = { ...empty, images: [img] };
    expect(scopeSnapshot(base, 10).images).toEqual([]);
    const tagged = scopeSnapshot({ ...base, events: [ev(20, 'tag', 'sha256:1', { name: 'helloworld:1.0.0' }, 'image')] }, 10);
    expect(tagged.images).toEqual([{ ...img, newTags: ['helloworld:1.0.0'] }]);
    expect(met({ type: 'image-semver-and-latest' }, tagged)).toBe(true);
    expect(met({ type: 'image-tagged', repository: 'helloworld', tag: 'latest' }, tagged)).toBe(false);
    expect(met({ type: 'image-tagged', repository: 'helloworld', tag: '1.0.0' }, tagged)).toBe(true);
    expect(normaliseRef('docker.io/library/nginx')).toBe('nginx:latest');
    expect(normaliseRef('localhost:5000/app')).toBe('localhost:5000/app:latest');
  });

  it("Dockside's own containers (dev.dockside.* labels) and their events never count", () => {
    const own = { ...done.containers[0]!, id: 'own1', name: 'dockside-practice-registry', state: 'running', created: 100, labels: { 'dev.dockside.practice-registry': '1' } };
    const s = scopeSnapshot({ ...empty, containers: [own], events: [ev(200e9, 'start', 'own1', { 'dev.dockside.practice-registry': '1' })] }, 1);
    expect(s.containers).toEqual([]);
    expect(s.events).toEqual([]);
    expect(met({ type: 'container-running' }, s)).toBe(false);
  });
});

describe('what a task means', () => {
  it('a failed command does not tick, a successful one does; a shell counts while open', () => {
    const failed = [ev(1, 'exec_start: netstat -xyz', 'c1', { execID: 'a', name: 'box' }), ev(2, 'exec_die', 'c1', { execID: 'a', exitCode: '1', name: 'box' })];
    const r = evaluateCheck(checkSchema.parse({ type: 'exec-ran', commands: ['netstat'] }), { ...empty, events: failed });
    expect(r.met).toBe(false);
    expect(r.detail).toContain('failed (exit code 1)');
    const okay = [...failed, ev(3, 'exec_start: netstat -ltn', 'c1', { execID: 'b', name: 'box' }), ev(4, 'exec_die', 'c1', { execID: 'b', exitCode: '0', name: 'box' })];
    expect(met({ type: 'exec-ran', commands: ['netstat'] }, { ...empty, events: okay })).toBe(true);
    const stillRunning = [ev(1, 'exec_start: netstat -ltn', 'c1', { execID: 'c' })];
    expect(met({ type: 'exec-ran', commands: ['netstat'] }, { ...empty, events: stillRunning })).toBe(false);
    const shell = [ev(1, 'exec_start: sh', 'c1', { execID: 'd' })];
    expect(met({ type: 'exec-ran', commands: ['sh'], whileRunning: true }, { ...empty, events: shell })).toBe(true);
  });

  it('docker rm -f (kill, die and destroy at once) is not a kill; docker kill then a later rm is', () => {
    const rmF = [ev(1e9, 'start'), ev(5e9, 'kill', 'c1', { signal: '9' }), ev(5.01e9, 'die', 'c1', { exitCode: '137' }), ev(5.05e9, 'destroy')];
    expect(endings(rmF).map((e) => e.how)).toEqual(['remove']);
    expect(met({ type: 'container-ended', how: 'kill' }, { ...empty, events: rmF })).toBe(false);
    const killThenRm = [ev(1e9, 'start'), ev(5e9, 'kill', 'c1', { signal: '9' }), ev(5.01e9, 'die', 'c1', { exitCode: '137' }), ev(30e9, 'destroy')];
    expect(endings(killThenRm).map((e) => e.how)).toEqual(['kill']);
    // Before the destroy of an rm -f can have arrived, a fresh SIGKILL death is not judged yet.
    const justKilled = killThenRm.slice(0, 3);
    expect(endings(justKilled, 5.5e9)).toEqual([]);
    expect(endings(justKilled, 9e9).map((e) => e.how)).toEqual(['kill']);
    expect(met({ type: 'container-ended', how: 'kill' }, { ...empty, events: killThenRm })).toBe(true);
  });
});

describe('OwnActivity', () => {
  it("covers the events of Dockside's own calls (merged while polling), not the learner's", () => {
    let now = 1_000_000;
    const own = new OwnActivity(() => now);
    const top = (ms: number, id = 'abcdef123456', name = 'web') => ev(ms * 1e6, 'top', id, { name });
    // The learner's own `docker top` before any polling counts.
    expect(own.covers(top(now))).toBe(false);
    now += 2000;
    own.note('top', 'abcdef123456');
    expect(own.covers(top(now + 50))).toBe(true);
    now += 2000;
    own.note('top', 'web');
    expect(own.covers(top(now + 50))).toBe(true);
    expect(own.covers(top(now + 50, 'zzz', 'other'))).toBe(false);
    expect(own.covers({ ...top(now + 50), action: 'exec_start: ls' })).toBe(false);
    // Long after the polling stopped, events are the learner's again.
    expect(own.covers(top(now + 60_000))).toBe(false);
    // An explicit refresh by the learner ends the span, so its event counts.
    now += 1000;
    own.note('top', 'web');
    own.learner('top', 'web');
    expect(own.covers(top(now + 100))).toBe(false);
  });
});
