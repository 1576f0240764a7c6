/** The course's lessons, fetched from main once (the renderer never reads files). */
import { create } from 'zustand';
import type { ApiError, LessonDetail, LessonSummary } from '../../../../main/contract';
import { call } from '../../api/client';

interface LessonsState {
  list: LessonSummary[] | null;
  listError: ApiError | null;
  details: Record<string, LessonDetail>;
  errors: Record<string, ApiError>;
  loadList(): Promise<void>;
  loadLesson(id: string): Promise<void>;
}

export const useLessonsStore = create<LessonsState>((set, get) => ({
  list: null,
  listError: null,
  details: {},
  errors: {},
  loadList: async () => {
    if (get().list) return;
    const r = await call('lessons:list', {});
    if (r.ok) set({ list: r.value, listError: null });
    else set({ listError: r.error });
  },
  loadLesson: async (id) => {
    if (get().details[id]) return;
    const r = await call('lessons:get', { id });
    if (r.ok) set((s) => ({ details: { ...s.details, [id]: r.value } }));
    else set((s) => ({ errors: { ...s.errors, [id]: r.error } }));
  },
}));
