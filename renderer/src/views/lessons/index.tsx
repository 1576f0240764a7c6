/** The lessons feature as the shell sees it: the course overview view and the side pane. */
export { LessonsView } from './course-overview';
export { LessonPane } from './lesson-pane';
