/** Window size and position remembered, and never restored off-screen. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { DEFAULT_SIZE, initialBounds, isVisibleOnSomeDisplay, readWindowState, trackWindowState, writeWindowState } from '../../../main/electron/window-state';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dockside-window-state-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const screenArea = [{ x: 0, y: 0, width: 1920, height: 1080 }];

describe('window state', () => {
  it('round-trips through the file; a broken or missing file gives null', () => {
    const file = path.join(dir, 'a', 'window-state.json');
    expect(readWindowState(file)).toBeNull();
    writeWindowState(file, { x: 10, y: 20, width: 1000, height: 700, maximized: true });
    expect(readWindowState(file)).toEqual({ x: 10, y: 20, width: 1000, height: 700, maximized: true });
    fs.writeFileSync(file, '{"x":"left"}');
    expect(readWindowState(file)).toBeNull();
    fs.writeFileSync(file, 'not json');
    expect(readWindowState(file)).toBeNull();
  });

  it('restores a visible position, keeps only the size of one on a display that is gone', () => {
    expect(initialBounds({ x: 100, y: 100, width: 1000, height: 700, maximized: false }, screenArea)).toEqual({ bounds: { x: 100, y: 100, width: 1000, height: 700 }, maximized: false });
    expect(initialBounds({ x: 3000, y: 100, width: 1000, height: 700, maximized: true }, screenArea)).toEqual({ bounds: { width: 1000, height: 700 }, maximized: true });
    expect(initialBounds(null, screenArea)).toEqual({ bounds: { ...DEFAULT_SIZE }, maximized: false });
    expect(isVisibleOnSomeDisplay({ x: 1880, y: 10, width: 800, height: 600 }, screenArea)).toBe(false);
    expect(isVisibleOnSomeDisplay({ x: -700, y: 10, width: 800, height: 600 }, screenArea)).toBe(true);
  });

  it('saves after the window stops moving and on close', () => {
    vi.useFakeTimers();
    try {
      const file = path.join(dir, 'tracked.json');
      const listeners = new Map<string, () => void>();
      let bounds = { x: 1, y: 2, width: 900, height: 650 };
      trackWindowState({ getNormalBounds: () => bounds, isMaximized: () => false, isDestroyed: () => false, on: (e, fn) => listeners.set(e, fn) }, file, 500);
      listeners.get('move')!();
      expect(fs.existsSync(file)).toBe(false);
      vi.advanceTimersByTime(500);
      expect(readWindowState(file)).toMatchObject({ x: 1, y: 2 });
      bounds = { x: 5, y: 6, width: 1100, height: 750 };
      listeners.get('close')!();
      expect(readWindowState(file)).toEqual({ ...bounds, maximized: false });
    } finally {
      vi.useRealTimers();
    }
  });
});
