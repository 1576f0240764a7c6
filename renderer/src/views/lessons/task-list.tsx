/** A lesson's tasks: each ticks by itself when the engine's state meets its check. */
import { withCode } from '../../components/inline-code';
import type { LessonDetail, LessonProgress } from '../../../../main/contract';
import { PRACTICE_TOKEN, usePracticeHost, withPracticeHost } from './practice-host';


export function TaskList({ lesson, progress, online }: { lesson: LessonDetail; progress: LessonProgress | undefined; online: boolean }) {
  const practiceHost = usePracticeHost(lesson.tasks.some((t) => t.hint?.includes(PRACTICE_TOKEN)));
  if (!lesson.tasks.length) return null;
  const since = progress?.since;
  return (
    <section className="lesson-tasks" aria-labelledby="lesson-tasks-title">
      <h3 id="lesson-tasks-title">Tasks</h3>
      <ul>
        {lesson.tasks.map((t) => {
          const s = progress?.tasks[t.id];
          const state = !s ? 'unknown' : s.met ? 'met' : s.done ? 'done-before' : 'todo';
          return (
            <li key={t.id} className={`lesson-task ${state}`} data-testid={`task-${t.id}`} data-met={s?.met ? 'true' : 'false'} data-done={s?.done ? 'true' : 'false'}>
              <span className="lesson-task-mark" aria-hidden="true">
                {s?.done ? '✓' : '○'}
              </span>
              <div>
                <div className="lesson-task-title">
                  {t.title}{' '}
                  <span className="badge lesson-task-state" role="status">
                    {!s ? (online ? 'checking…' : 'waiting for the engine') : s.met ? 'Done — met right now' : s.done ? 'Done earlier — not met right now' : 'Not yet'}
                  </span>
                </div>
                {s?.done && s.doneAt && (
                  <div className="small-text" data-testid="task-done-how">
                    Done {new Date(s.doneAt).toLocaleString()}: {s.doneHow ?? s.detail}
                  </div>
                )}
                {s && !(s.done && s.met && s.doneHow === s.detail) && <div className="muted small-text">{s.detail}</div>}
                {!s?.done && t.hint && <div className="small-text">Hint: {withCode(withPracticeHost(t.hint, practiceHost))}</div>}
              </div>
            </li>
          );
        })}
      </ul>
      <p className="muted small-text">
        Tasks tick from what the engine reports after you started this lesson{since ? ` (${new Date(since).toLocaleString()})` : ''},
        whether you use Dockside or a terminal; older history and Dockside's own background work never count. Once met, a task
        stays done; the label also says whether it is still true right now.
      </p>
    </section>
  );
}
