/**
 * Where the user is, written into the URL hash and read back from it: the view, the open
 * container's details and tab, and the lesson beside them. `#/containers/web1/logs?lesson=14-logs`.
 * The hash is never sent to the server (browser mode) and survives a reload, so a reload or the
 * browser's Back button brings the same screen back. Pure functions: unit-tested in Node.
 */
import type { ContainerDetailRef, ViewId } from '../stores/nav-store';
import { NAV_ITEMS } from './nav-items';

export interface UrlState {
  view: ViewId;
  detail: ContainerDetailRef | null;
  lessonId: string | null;
}

// Every view in the navigation, including ones added later.
const VIEWS: readonly ViewId[] = NAV_ITEMS.map((n) => n.id);
// Container names/ids, tab ids and lesson ids are all of this shape; anything else is ignored.
const SAFE = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$/;

export function formatHash(s: UrlState): string {
  let path = `#/${s.view}`;
  if (s.view === 'containers' && s.detail) path += `/${encodeURIComponent(s.detail.container)}/${encodeURIComponent(s.detail.tab)}`;
  if (s.lessonId) path += `?lesson=${encodeURIComponent(s.lessonId)}`;
  return path;
}

/** Reads a hash written by `formatHash`; returns null for an empty or foreign hash (nothing to restore). */
export function parseHash(hash: string): UrlState | null {
  const m = /^#\/([^?]*)(?:\?(.*))?$/.exec(hash);
  if (!m) return null;
  const parts = (m[1] ?? '').split('/').map((p) => {
    try {
      return decodeURIComponent(p);
    } catch {
      return '';
    }
  });
  const view = VIEWS.find((v) => v === parts[0]);
  if (!view) return null;
  const container = parts[1];
  const tab = parts[2];
  const detail = view === 'containers' && container && SAFE.test(container) ? { container, tab: tab && SAFE.test(tab) ? tab : 'inspect' } : null;
  const lesson = new URLSearchParams(m[2] ?? '').get('lesson');
  return { view, detail, lessonId: lesson && SAFE.test(lesson) ? lesson : null };
}
