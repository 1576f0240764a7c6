import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { EventHistory } from '../../../main/lessons/history';
import { ProgressStore } from '../../../main/lessons/progress-store';

let dir = '';
afterEach(() => dir && fs.rmSync(dir, { recursive: true, force: true }));

describe('ProgressStore', () => {
  const clock = (iso: string) => () => new Date(iso);
  const T0 = '2026-01-01T00:00:00.000Z';
  it('keeps progress per engine across instances (restarts), sticky, with how and when', () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'progress-'));
    const a = new ProgressStore(dir, clock(T0));
    expect(a.markDone('unix:///s#ENGINE1', [{ key: 'run/publish', how: 'web forwards 8080' }], '2026-01-01T00:01:00.000Z')).toBe(true);
    expect(a.markDone('unix:///s#ENGINE1', [{ key: 'run/publish', how: 'again' }], '2026-02-01T00:00:00.000Z')).toBe(false);
    a.setQuiz('unix:///s#ENGINE1', 'run/0', true);
    a.setQuiz('unix:///s#ENGINE1', 'run/0', false);
    const b = new ProgressStore(dir, clock('2026-03-01T00:00:00.000Z'));
    expect(b.forEngine('unix:///s#ENGINE1')).toEqual({
      startedAt: T0,
      lessonSince: {},
      tasks: { 'run/publish': { at: '2026-01-01T00:01:00.000Z', how: 'web forwards 8080' } },
      quiz: { 'run/0': true },
    });
    // Another engine starts its own course when first seen.
    expect(b.forEngine('tcp://other:2375#ENGINE2')).toEqual({ startedAt: '2026-03-01T00:00:00.000Z', lessonSince: {}, tasks: {}, quiz: {} });
  });

  it('counts events from the course start, or from a lesson reset, whichever is later', () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'progress-'));
    let now = T0;
    const s = new ProgressStore(dir, () => new Date(now));
    expect(s.sinceNano('e', 'run')).toBe(Date.parse(T0) * 1e6);
    s.markDone('e', [{ key: 'run/publish', how: 'x' }, { key: 'vol/x', how: 'y' }], T0);
    now = '2026-01-02T00:00:00.000Z';
    s.reset('e', 'run');
    expect(s.sinceNano('e', 'run')).toBe(Date.parse(now) * 1e6);
    expect(s.sinceNano('e', 'vol')).toBe(Date.parse(T0) * 1e6);
    expect(new ProgressStore(dir).forEngine('e').tasks).toEqual({ 'vol/x': { at: T0, how: 'y' } });
    now = '2026-01-03T00:00:00.000Z';
    s.reset('e');
    expect(new ProgressStore(dir).forEngine('e')).toEqual({ startedAt: now, lessonSince: {}, tasks: {}, quiz: {} });
  });

  it('reads a version 1 file: tasks kept, the course starts now', () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'progress-'));
    fs.writeFileSync(path.join(dir, 'progress.json'), JSON.stringify({ version: 1, engines: { e: { tasks: { 'a/b': T0 }, quiz: { 'a/0': true } } } }));
    const p = new ProgressStore(dir, clock('2026-05-05T00:00:00.000Z')).forEngine('e');
    expect(p.startedAt).toBe('2026-05-05T00:00:00.000Z');
    expect(p.tasks['a/b']?.at).toBe(T0);
    expect(p.quiz).toEqual({ 'a/0': true });
  });

  it('starts empty on a corrupt file', () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'progress-'));
    fs.writeFileSync(path.join(dir, 'progress.json'), '{nope');
    expect(new ProgressStore(dir, clock(T0)).forEngine('e')).toEqual({ startedAt: T0, lessonSince: {}, tasks: {}, quiz: {} });
  });
});

describe('EventHistory', () => {
  const ev = (t: number, action = 'start', id = 'c1') => ({ type: 'container', action, id, attributes: {}, timeNano: t });
  it('drops duplicates (history replayed over live events) and noise, keeps time order, stays bounded', () => {
    const h = new EventHistory(3);
    expect(h.add(ev(2))).toBe(true);
    expect(h.add(ev(2))).toBe(false);
    expect(h.add(ev(1, 'create'))).toBe(true);
    expect(h.add(ev(3, 'exec_create: ls'))).toBe(false);
    expect(h.add(ev(3, 'exec_resize'))).toBe(false);
    expect(h.add({ ...ev(3), type: 'plugin' })).toBe(false);
    h.add(ev(4, 'die'));
    h.add(ev(5, 'destroy'));
    expect(h.list().map((e) => e.timeNano)).toEqual([2, 4, 5]);
    expect(h.newestSeconds()).toBe(0);
  });
});
