import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { EventHistory } from '../../../main/lessons/history';
import { ProgressStore } from '../../../main/lessons/progress-store';

let dir = '';
afterEach(() => dir && fs.rmSync(dir, { recursive: true, force: true }));

describe('ProgressStore', () => {
  it('keeps progress per engine across instances (restarts), sticky, with a reset', () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'progress-'));
    const a = new ProgressStore(dir);
    expect(a.markDone('unix:///s#ENGINE1', ['run/publish'], '2026-01-01T00:00:00.000Z')).toBe(true);
    expect(a.markDone('unix:///s#ENGINE1', ['run/publish'], '2026-02-01T00:00:00.000Z')).toBe(false);
    a.setQuiz('unix:///s#ENGINE1', 'run/0', true);
    a.setQuiz('unix:///s#ENGINE1', 'run/0', false);
    const b = new ProgressStore(dir);
    expect(b.forEngine('unix:///s#ENGINE1')).toEqual({ tasks: { 'run/publish': '2026-01-01T00:00:00.000Z' }, quiz: { 'run/0': true } });
    expect(b.forEngine('tcp://other:2375#ENGINE2')).toEqual({ tasks: {}, quiz: {} });
    b.markDone('unix:///s#ENGINE1', ['vol/x'], 'now');
    b.reset('unix:///s#ENGINE1', 'run');
    expect(new ProgressStore(dir).forEngine('unix:///s#ENGINE1')).toEqual({ tasks: { 'vol/x': 'now' }, quiz: {} });
    b.reset('unix:///s#ENGINE1');
    expect(new ProgressStore(dir).forEngine('unix:///s#ENGINE1')).toEqual({ tasks: {}, quiz: {} });
  });
  it('starts empty on a corrupt file', () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'progress-'));
    fs.writeFileSync(path.join(dir, 'progress.json'), '{nope');
    expect(new ProgressStore(dir).forEngine('e')).toEqual({ tasks: {}, quiz: {} });
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
    expect(h.add({ ...ev(3), type: 'plugin' })).toBe(false);
    h.add(ev(4, 'die'));
    h.add(ev(5, 'destroy'));
    expect(h.list().map((e) => e.timeNano)).toEqual([2, 4, 5]);
    expect(h.newestSeconds()).toBe(0);
  });
});
