import { create } from 'zustand';

export type ViewId = 'containers' | 'stats' | 'images' | 'build' | 'volumes' | 'networks' | 'cluster' | 'lessons' | 'disk' | 'settings' | 'help';

/**
 * Known view parameters (set by lessons' "open in Dockside" and by other views):
 * - containers: { runCommand?: string }  opens the run dialog prefilled from a `docker run` line
 *               { select?: string, tab?: string } opens a container's details on a tab (see `detail`)
 * - networks:   { lab?: boolean }        true opens the load-balancer lab, false the list
 * - build:      { pipeline?: true }      opens the deployment pipeline walk-through
 *               { registries?: true }    opens the registries tab (practice registry, login, push, pull)
 * - volumes:    { browse?: string }      opens the file browser of that volume
 */

/** The container whose details are open (by the name or id the user or a lesson gave), and its tab. */
export interface ContainerDetailRef {
  container: string;
  tab: string;
}

interface NavState {
  view: ViewId;
  /** View-specific parameters, e.g. a run-dialog prefill. */
  params: Record<string, unknown>;
  /** The lesson shown in the side pane, if any. */
  lessonId: string | null;
  /** The containers view's open details (kept across views and in the URL hash). */
  detail: ContainerDetailRef | null;
  /**
   * Bumped each time details are opened on purpose (a click, a lesson, a link): the details
   * heading takes focus then, and not when the same state comes back from the URL or a re-render.
   */
  detailFocusRequest: number;
  /**
   * The tab a lesson asked for without naming a container (`{ tab: 'shell' }`): the next container
   * the learner opens shows it. Cleared by the next navigation.
   */
  nextDetailTab: string | null;
  /** Bumped when a lesson is opened on purpose: the lesson pane takes focus then. */
  lessonFocusRequest: number;
  go(view: ViewId, params?: Record<string, unknown>): void;
  openLesson(id: string | null): void;
  /** Opens a container's details on `tab` (default: the tab already shown, else Inspect). */
  openContainer(container: string, tab?: string): void;
  closeContainer(): void;
  setDetailTab(tab: string): void;
}

export const DEFAULT_DETAIL_TAB = 'inspect';

export const useNavStore = create<NavState>((set) => ({
  view: 'containers',
  params: {},
  lessonId: null,
  detail: null,
  detailFocusRequest: 0,
  nextDetailTab: null,
  lessonFocusRequest: 0,
  go: (view, params = {}) =>
    set((s) => {
      // { select, tab } is how lessons and other views ask for a container's details.
      const select = typeof params.select === 'string' && params.select ? params.select : null;
      const wantedTab = typeof params.tab === 'string' && params.tab ? params.tab : null;
      if (view === 'containers' && select) {
        const tab = wantedTab ?? s.detail?.tab ?? DEFAULT_DETAIL_TAB;
        return { view, params, detail: { container: select, tab }, detailFocusRequest: s.detailFocusRequest + 1, nextDetailTab: null };
      }
      if (view === 'containers' && wantedTab) {
        // A tab without a container: the open details switch to it, and so does the next container opened.
        return { view, params, detail: s.detail ? { ...s.detail, tab: wantedTab } : null, nextDetailTab: wantedTab };
      }
      return { view, params, nextDetailTab: null };
    }),
  openLesson: (lessonId) => set((s) => ({ lessonId, lessonFocusRequest: lessonId ? s.lessonFocusRequest + 1 : s.lessonFocusRequest })),
  openContainer: (container, tab) =>
    set((s) => ({
      detail: { container, tab: tab ?? s.nextDetailTab ?? s.detail?.tab ?? DEFAULT_DETAIL_TAB },
      detailFocusRequest: s.detailFocusRequest + 1,
    })),
  closeContainer: () => set({ detail: null }),
  setDetailTab: (tab) => set((s) => (s.detail ? { detail: { ...s.detail, tab } } : {})),
}));
