/**
 * Remembers the main window's size and position (and maximised state) in
 * `<userData>/window-state.json`. A saved position is used only when it is still on one of the
 * displays (a monitor may have been unplugged since); otherwise the window is centred.
 */
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

const boundsSchema = z.object({
  x: z.number().int(),
  y: z.number().int(),
  width: z.number().int().min(400).max(20000),
  height: z.number().int().min(300).max(20000),
  maximized: z.boolean().default(false),
});
export type WindowState = z.infer<typeof boundsSchema>;

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export const DEFAULT_SIZE = { width: 1280, height: 820 } as const;

export function readWindowState(file: string): WindowState | null {
  try {
    const parsed = boundsSchema.safeParse(JSON.parse(fs.readFileSync(file, 'utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export function writeWindowState(file: string, state: WindowState): void {
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const tmp = `${file}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify(state));
    fs.renameSync(tmp, file);
  } catch {
    // Losing the window position is not worth an error dialog.
  }
}

/** True when at least a 100×50 corner of the title-bar area lies on one of the work areas. */
export function isVisibleOnSomeDisplay(b: Rect, workAreas: Rect[]): boolean {
  return workAreas.some((a) => {
    const left = Math.max(b.x, a.x);
    const right = Math.min(b.x + b.width, a.x + a.width);
    const top = Math.max(b.y, a.y);
    const bottom = Math.min(b.y + 50, a.y + a.height);
    return right - left >= 100 && bottom - top >= 30;
  });
}

/** The options to open the window with: saved bounds when still visible, else the default size. */
export function initialBounds(saved: WindowState | null, workAreas: Rect[]): { bounds: Partial<Rect> & { width: number; height: number }; maximized: boolean } {
  if (saved && isVisibleOnSomeDisplay(saved, workAreas)) {
    return { bounds: { x: saved.x, y: saved.y, width: saved.width, height: saved.height }, maximized: saved.maximized };
  }
  if (saved) return { bounds: { width: saved.width, height: saved.height }, maximized: saved.maximized };
  return { bounds: { ...DEFAULT_SIZE }, maximized: false };
}

interface TrackedWindow {
  getNormalBounds(): Rect;
  isMaximized(): boolean;
  isDestroyed(): boolean;
  on(event: 'resize' | 'move' | 'close', fn: () => void): unknown;
}

/** Saves the window's bounds shortly after it stops moving, and on close. */
export function trackWindowState(win: TrackedWindow, file: string, delayMs = 500): void {
  let timer: NodeJS.Timeout | null = null;
  const save = () => {
    if (timer) clearTimeout(timer);
    timer = null;
    if (win.isDestroyed()) return;
    writeWindowState(file, { ...win.getNormalBounds(), maximized: win.isMaximized() });
  };
  const later = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(save, delayMs);
  };
  win.on('resize', later);
  win.on('move', later);
  win.on('close', save);
}
