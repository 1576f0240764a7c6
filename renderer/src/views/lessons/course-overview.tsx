/** The whole course with this engine's progress: open a lesson beside its view, or reset progress. */
import { useEffect, useState } from 'react';
import type { ApiError, LessonProgressEvent } from '../../../../main/contract';
import { call } from '../../api/client';
import { useSubscription } from '../../api/use-subscription';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { ErrorText } from '../../components/error-text';
import { useEngineOnline } from '../../stores/engine-store';
import { useLessonsStore } from './lessons-store';
import { openLessonBeside } from './open-lesson';

const VIEW_LABELS: Record<string, string> = {
  containers: 'Containers',
  stats: 'Stats',
  images: 'Images',
  build: 'Build',
  volumes: 'Volumes',
  networks: 'Networks',
  lessons: 'Lessons',
};

export function LessonsView() {
  const list = useLessonsStore((s) => s.list);
  const listError = useLessonsStore((s) => s.listError);
  const online = useEngineOnline();
  const [progress, setProgress] = useState<LessonProgressEvent | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [confirmReset, setConfirmReset] = useState(false);

  useEffect(() => {
    void useLessonsStore.getState().loadList();
  }, []);
  useSubscription('lessons:progress', online ? {} : null, setProgress, setError, `all:${online}`);

  const reset = async () => {
    const r = await call('lessons:reset', {});
    setConfirmReset(false);
    if (!r.ok) setError(r.error);
  };

  const totals = (list ?? []).reduce(
    (acc, l) => {
      const p = progress?.lessons[l.id];
      acc.tasks += l.tasks.length;
      acc.quiz += l.quizCount;
      acc.tasksDone += l.tasks.filter((t) => p?.tasks[t.id]?.done).length;
      acc.quizRight += Object.values(p?.quiz ?? {}).filter(Boolean).length;
      return acc;
    },
    { tasks: 0, tasksDone: 0, quiz: 0, quizRight: 0 },
  );

  return (
    <section aria-labelledby="course-title">
      <div className="view-header">
        <h1 id="course-title">Course</h1>
        {list && progress && (
          <span className="muted" data-testid="course-progress">
            {totals.tasksDone} of {totals.tasks} tasks done · {totals.quizRight} of {totals.quiz} quiz answers right
          </span>
        )}
        <button type="button" className="push-right danger" onClick={() => setConfirmReset(true)} disabled={!online}>
          Reset progress…
        </button>
      </div>
      <p className="muted">
        Each lesson opens beside the live view it talks about. Its tasks tick by themselves when the engine shows you did them —
        in Dockside or in a terminal — after you started the course; older engine history does not count.{' '}
        {!online && 'Progress appears once the engine is connected.'}
      </p>
      {progress && (
        <p className="muted small-text">
          Progress is saved for this engine ({progress.engine}); course started {new Date(progress.startedAt).toLocaleString()}.
        </p>
      )}
      <ErrorText error={listError ?? error} />
      {list && progress && totals.tasksDone === totals.tasks && totals.quizRight === totals.quiz && (
        <section className="course-complete" aria-labelledby="course-complete-title" data-testid="course-complete">
          <h2 id="course-complete-title">Course complete</h2>
          <p>
            You did all {totals.tasks} hands-on tasks on your own engine and answered all {totals.quiz} quiz questions right, across{' '}
            {list.length} lessons, since you started on {new Date(progress.startedAt).toLocaleDateString()}.
          </p>
          <p>
            You ran, stopped and killed containers, kept data in volumes, looked inside with exec, logs, stats and top, built networks
            and a load balancer, limited resources, built images with a Dockerfile, and published them to a registry. From here: write a
            Dockerfile for one of your own projects, push it to Docker Hub, and run it somewhere else with one <code>docker run</code>.
          </p>
        </section>
      )}
      {list && (
        <table className="table" aria-label="Lessons">
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">Lesson</th>
              <th scope="col">Beside</th>
              <th scope="col">Tasks</th>
              <th scope="col">Quiz</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {list.map((l) => {
              const p = progress?.lessons[l.id];
              const done = l.tasks.filter((t) => p?.tasks[t.id]?.done).length;
              const right = Object.values(p?.quiz ?? {}).filter(Boolean).length;
              const complete = (l.tasks.length === 0 || done === l.tasks.length) && (l.quizCount === 0 || right === l.quizCount);
              return (
                <tr key={l.id} data-testid={`lesson-row-${l.id}`}>
                  <td>{l.order}</td>
                  <td>
                    <strong>{l.title}</strong> {p && complete && <span className="badge state-running">complete</span>}
                    <div className="muted small-text">{l.summary}</div>
                  </td>
                  <td>{VIEW_LABELS[l.view] ?? l.view}</td>
                  <td data-testid={`lesson-tasks-${l.id}`}>{l.tasks.length ? `${p ? done : '–'} / ${l.tasks.length}` : '—'}</td>
                  <td>{l.quizCount ? `${p ? right : '–'} / ${l.quizCount}` : '—'}</td>
                  <td>
                    <button type="button" className="small primary" onClick={() => openLessonBeside(l)} aria-label={`Open lesson ${l.title}`}>
                      Open
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {confirmReset && (
        <ConfirmDialog title="Reset course progress?" confirmLabel="Reset progress" danger onConfirm={reset} onCancel={() => setConfirmReset(false)}>
          <p>
            This forgets every ticked task and quiz answer saved for this engine. Your containers, images, volumes and networks
            are not touched. The course starts again now: only what you do from now on counts.
          </p>
        </ConfirmDialog>
      )}
    </section>
  );
}
