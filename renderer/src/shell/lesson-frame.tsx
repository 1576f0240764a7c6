import { useEffect, useRef, useState, type ComponentType, type KeyboardEvent, type PointerEvent } from 'react';
import { Icon } from '../components/icons';
import { useNavStore } from '../stores/nav-store';
import { LessonDocsLink } from '../views/help/lesson-docs-link';
import { lazyPart } from '../components/lazy-part';

let handledFocusRequest = 0;
/** The lesson itself (markdown stack, diagrams) is its own chunk, fetched when a lesson first opens. */
const LessonPane = lazyPart<{ lessonId: string }>(
  () => import('../views/lessons/lesson-pane').then((m): { default: ComponentType<{ lessonId: string }> } => ({ default: m.LessonPane })),
  <p className="muted">Loading the lesson…</p>,
  'the lesson',
);
const STORAGE_KEY = 'dockside.lessonPane';
const MIN_WIDTH = 280;
const maxWidth = () => Math.max(MIN_WIDTH + 40, Math.round(window.innerWidth * 0.6));
const clamp = (w: number) => Math.min(maxWidth(), Math.max(MIN_WIDTH, Math.round(w)));

interface PanePrefs {
  /** Null until the user resizes: then the pane follows the window (about a third of it). */
  width: number | null;
  collapsed: boolean;
}

function readPrefs(): PanePrefs {
  try {
    const raw: unknown = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? 'null');
    if (raw && typeof raw === 'object') {
      const r = raw as Record<string, unknown>;
      return { width: typeof r.width === 'number' && Number.isFinite(r.width) ? r.width : null, collapsed: r.collapsed === true };
    }
  } catch {
    // A broken value is ignored: the defaults are fine.
  }
  return { width: null, collapsed: false };
}

/** Width and collapsed state of the lesson pane, remembered across reloads (and in the desktop app across runs). */
export function useLessonPanePrefs() {
  const [prefs, setPrefs] = useState<PanePrefs>(readPrefs);
  const update = (p: Partial<PanePrefs>) =>
    setPrefs((old) => {
      const next = { ...old, ...p };
      try {
        localStorage.setItem(STORAGE_KEY, JSON.stringify(next));
      } catch {
        // Storage full or refused: the pane still works, it just forgets.
      }
      return next;
    });
  const defaultWidth = clamp(Math.min(480, Math.max(340, window.innerWidth * 0.34)));
  return { width: prefs.width === null ? defaultWidth : clamp(prefs.width), collapsed: prefs.collapsed, update };
}

/**
 * The lesson beside the live view: a splitter (drag, or ←/→ with the keyboard, Home/End for the
 * extremes) and a button that folds the pane to a narrow strip and back.
 */
export function LessonFrame({ lessonId, width, collapsed, update }: { lessonId: string } & ReturnType<typeof useLessonPanePrefs>) {
  const asideRef = useRef<HTMLElement>(null);
  const drag = useRef<{ startX: number; startWidth: number } | null>(null);

  // Opening a lesson (or the next one) moves focus into the pane, so keyboard and screen-reader
  // users land on it; a lesson restored from the URL at start does not steal focus.
  const focusRequest = useNavStore((s) => s.lessonFocusRequest);
  useEffect(() => {
    if (focusRequest <= handledFocusRequest) return;
    handledFocusRequest = focusRequest;
    asideRef.current?.focus({ preventScroll: true });
  }, [focusRequest]);

  const onPointerDown = (e: PointerEvent<HTMLDivElement>) => {
    drag.current = { startX: e.clientX, startWidth: width };
    e.currentTarget.setPointerCapture(e.pointerId);
  };
  const onPointerMove = (e: PointerEvent<HTMLDivElement>) => {
    if (!drag.current) return;
    // The pane is on the right: dragging left makes it wider.
    update({ width: clamp(drag.current.startWidth + drag.current.startX - e.clientX) });
  };
  const onPointerUp = () => {
    drag.current = null;
  };
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const step = e.shiftKey ? 80 : 20;
    const next =
      e.key === 'ArrowLeft' ? width + step
      : e.key === 'ArrowRight' ? width - step
      : e.key === 'Home' ? MIN_WIDTH
      : e.key === 'End' ? maxWidth()
      : null;
    if (next === null) return;
    e.preventDefault();
    update({ width: clamp(next) });
  };

  return (
    <aside className={`lesson-pane${collapsed ? ' collapsed' : ''}`} aria-label="Lesson" id="lesson-pane" tabIndex={-1} ref={asideRef}>
      {!collapsed && (
        <div
          className="pane-splitter"
          role="separator"
          aria-orientation="vertical"
          aria-label="Resize lesson pane"
          aria-controls="lesson-pane-body"
          aria-valuemin={MIN_WIDTH}
          aria-valuemax={maxWidth()}
          aria-valuenow={width}
          aria-valuetext={`${width} pixels wide`}
          title="Drag, or use ← and → to resize the lesson pane"
          tabIndex={0}
          onPointerDown={onPointerDown}
          onPointerMove={onPointerMove}
          onPointerUp={onPointerUp}
          onPointerCancel={onPointerUp}
          onKeyDown={onKeyDown}
        />
      )}
      <div className="lesson-pane-main">
        <div className="lesson-pane-bar">
          <button
            type="button"
            className="small icon-button pane-toggle"
            onClick={() => update({ collapsed: !collapsed })}
            aria-expanded={!collapsed}
            aria-controls="lesson-pane-body"
            aria-label={collapsed ? 'Show lesson' : 'Hide lesson'}
            title={collapsed ? 'Show lesson' : 'Hide lesson'}
          >
            <Icon name={collapsed ? 'expand' : 'collapse'} />
            {collapsed && <span className="pane-toggle-text" aria-hidden="true">Lesson</span>}
          </button>
          {!collapsed && <span>Drag the left edge to resize</span>}
        </div>
        <div className="lesson-pane-body" id="lesson-pane-body" hidden={collapsed}>
          {!collapsed && (
            <>
              <LessonPane lessonId={lessonId} />
              <LessonDocsLink lessonId={lessonId} />
            </>
          )}
        </div>
      </div>
    </aside>
  );
}
