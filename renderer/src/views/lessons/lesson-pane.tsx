/** The lesson shown beside a live view: tasks that tick, the text, commands to copy or open, a quiz. */
import { useEffect, useState } from 'react';
import type { ApiError, LessonProgress } from '../../../../main/contract';
import { call } from '../../api/client';
import { useSubscription } from '../../api/use-subscription';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { ErrorText } from '../../components/error-text';
import { useEngineOnline } from '../../stores/engine-store';
import { useNavStore } from '../../stores/nav-store';
import { LessonMarkdown } from './lesson-markdown';
import { useLessonsStore } from './lessons-store';
import { openLessonBeside } from './open-lesson';
import { Quiz } from './quiz';
import { TaskList } from './task-list';

export function LessonPane({ lessonId }: { lessonId: string }) {
  const lesson = useLessonsStore((s) => s.details[lessonId]);
  const loadError = useLessonsStore((s) => s.errors[lessonId]);
  const list = useLessonsStore((s) => s.list);
  const openLesson = useNavStore((s) => s.openLesson);
  const online = useEngineOnline();
  const [progress, setProgress] = useState<LessonProgress | undefined>(undefined);
  const [progressError, setProgressError] = useState<ApiError | null>(null);
  const [confirmReset, setConfirmReset] = useState(false);
  const resetLesson = async () => {
    setConfirmReset(false);
    const r = await call('lessons:reset', { lessonId });
    if (!r.ok) setProgressError(r.error);
  };

  useEffect(() => {
    void useLessonsStore.getState().loadLesson(lessonId);
    void useLessonsStore.getState().loadList();
    setProgress(undefined);
  }, [lessonId]);

  useSubscription(
    'lessons:progress',
    online ? { lessonId } : null,
    (e) => {
      setProgress(e.lessons[lessonId]);
      setProgressError(null);
    },
    setProgressError,
    `${lessonId}:${online}`,
  );

  const index = list?.findIndex((l) => l.id === lessonId) ?? -1;
  const prev = index > 0 ? list![index - 1] : undefined;
  const next = index >= 0 && list && index < list.length - 1 ? list[index + 1] : undefined;

  return (
    <article className="lesson" data-testid="lesson-pane" aria-labelledby="lesson-title">
      <header className="lesson-header">
        <div>
          {lesson && (
            <p className="muted small-text">
              Lesson {lesson.order}
              {list ? ` of ${list.length}` : ''}
            </p>
          )}
          <h2 id="lesson-title">{lesson?.title ?? 'Loading lesson…'}</h2>
        </div>
        <button type="button" className="small" onClick={() => openLesson(null)} aria-label="Close lesson">
          Close
        </button>
      </header>
      <ErrorText error={loadError} />
      {lesson && (
        <>
          <TaskList lesson={lesson} progress={progress} online={online} />
          <ErrorText error={progressError} />
          <LessonMarkdown body={lesson.body} />
          <Quiz lesson={lesson} progress={progress} />
          <nav className="lesson-nav" aria-label="Lessons">
            {prev ? (
              <button type="button" onClick={() => openLessonBeside(prev)}>
                ← {prev.title}
              </button>
            ) : (
              <span />
            )}
            {next ? (
              <button type="button" onClick={() => openLessonBeside(next)}>
                {next.title} →
              </button>
            ) : (
              list && (
                <button type="button" className="primary" onClick={() => useNavStore.getState().go('lessons')}>
                  Finish: your course summary →
                </button>
              )
            )}
          </nav>
          {(lesson.tasks.length > 0 || lesson.quiz.length > 0) && (
            <p>
              <button type="button" className="small danger" onClick={() => setConfirmReset(true)} disabled={!online}>
                Reset this lesson's progress…
              </button>
            </p>
          )}
          {confirmReset && (
            <ConfirmDialog title={`Reset "${lesson.title}"?`} confirmLabel="Reset lesson" danger onConfirm={resetLesson} onCancel={() => setConfirmReset(false)}>
              <p>
                This forgets this lesson's ticked tasks and quiz answers on this engine. Nothing in the engine is touched. From now on
                only what you do next counts: a container left running from before does not tick a task again.
              </p>
            </ConfirmDialog>
          )}
        </>
      )}
    </article>
  );
}
