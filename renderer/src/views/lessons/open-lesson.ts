import type { LessonSummary } from '../../../../main/contract';
import { useNavStore } from '../../stores/nav-store';

/** Opens a lesson in the side pane and puts the live view it talks about beside it. */
export function openLessonBeside(lesson: Pick<LessonSummary, 'id' | 'view' | 'viewParams'>): void {
  const nav = useNavStore.getState();
  nav.openLesson(lesson.id);
  // The overview itself is not a useful neighbour: a lesson about "lessons" stays on containers.
  nav.go(lesson.view === 'lessons' ? 'containers' : lesson.view, lesson.viewParams ?? {});
}
