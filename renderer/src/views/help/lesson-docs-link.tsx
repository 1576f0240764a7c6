import { useLessonsStore } from '../lessons/lessons-store';
import { DocsLink } from './docs-link';
import { lessonDocs } from './docs-links';

/** The Docker documentation page behind the lesson on screen. */
export function LessonDocsLink({ lessonId }: { lessonId: string }) {
  const view = useLessonsStore((s) => s.list?.find((l) => l.id === lessonId)?.view);
  return (
    <p className="lesson-docs">
      <DocsLink link={lessonDocs(lessonId, view)} prefix="Read more in the Docker docs:" />
    </p>
  );
}
