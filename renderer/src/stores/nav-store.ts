import { create } from 'zustand';

export type ViewId = 'containers' | 'stats' | 'images' | 'build' | 'volumes' | 'networks' | 'cluster' | 'lessons' | 'disk' | 'settings' | 'help';

/**
 * Known view parameters (set by lessons' "open in Dockside" and by other views):
 * - containers: { runCommand?: string }  opens the run dialog prefilled from a `docker run` line
 *               { select?: string, tab?: string } selects a container and a detail tab
 * - networks:   { lab?: true }           opens the load-balancer lab
 * - build:      { pipeline?: true }      opens the deployment pipeline walk-through
 *               { registries?: true }    opens the registries tab (practice registry, login, push, pull)
 * - volumes:    { browse?: string }      opens the file browser of that volume
 */

interface NavState {
  view: ViewId;
  /** View-specific parameters, e.g. a container to select or a run-dialog prefill. */
  params: Record<string, unknown>;
  /** The lesson shown in the side pane, if any. */
  lessonId: string | null;
  go(view: ViewId, params?: Record<string, unknown>): void;
  openLesson(id: string | null): void;
}

export const useNavStore = create<NavState>((set) => ({
  view: 'containers',
  params: {},
  lessonId: null,
  go: (view, params = {}) => set({ view, params }),
  openLesson: (lessonId) => set({ lessonId }),
}));
