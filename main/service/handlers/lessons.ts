/** Handlers of the "lessons" section of the contract (see main/contract.ts). */
import type { LessonDetail, LessonSummary } from '../../contract';
import { loadLessons } from '../../lessons/load';
import type { LoadedLesson } from '../../lessons/schema';
import { LessonTracker } from '../../lessons/tracker';
import type { CallHandlers, ServiceContext, SubscriptionHandlers } from '../types';

type Calls = Pick<CallHandlers, 'lessons:list' | 'lessons:get' | 'lessons:answer' | 'lessons:reset'>;

// One tracker and one lesson cache per service, shared by the calls and the subscription.
const trackers = new WeakMap<ServiceContext, LessonTracker>();
let cache: LoadedLesson[] | null = null;

/** Lessons are read once; an invalid lesson fails the lesson calls (with file and field), not the app. */
function lessons(): LoadedLesson[] {
  cache ??= loadLessons();
  return cache;
}

function trackerFor(ctx: ServiceContext): LessonTracker {
  let t = trackers.get(ctx);
  if (!t) {
    t = new LessonTracker(ctx.engine, ctx.dataDir, lessons);
    trackers.set(ctx, t);
  }
  return t;
}

function find(id: string): LoadedLesson {
  const l = lessons().find((x) => x.id === id);
  if (!l) throw Object.assign(new Error(`No lesson "${id}".`), { statusCode: 404 });
  return l;
}

function summary(l: LoadedLesson): LessonSummary {
  return {
    id: l.id,
    title: l.title,
    order: l.order,
    summary: l.summary,
    view: l.view,
    ...(l.viewParams ? { viewParams: l.viewParams } : {}),
    tasks: l.tasks.map((t) => ({ id: t.id, title: t.title, ...(t.hint ? { hint: t.hint } : {}) })),
    quizCount: l.quiz.length,
  };
}

export function lessonsCalls(ctx: ServiceContext): Calls {
  return {
    'lessons:list': async () => lessons().map(summary),
    'lessons:get': async ({ id }): Promise<LessonDetail> => {
      const l = find(id);
      // Answers stay in main: the quiz is judged by `lessons:answer`.
      return { ...summary(l), body: l.body, quiz: l.quiz.map((q) => ({ question: q.question, choices: q.choices })) };
    },
    'lessons:answer': async ({ lessonId, question, choice, reveal }) => {
      find(lessonId);
      return trackerFor(ctx).answer(lessonId, question, choice, reveal);
    },
    'lessons:reset': async ({ lessonId }) => {
      if (lessonId) find(lessonId);
      return { engine: await trackerFor(ctx).reset(lessonId) };
    },
  };
}

export function lessonsSubscriptions(ctx: ServiceContext): Pick<SubscriptionHandlers, 'lessons:progress'> {
  return {
    'lessons:progress': ({ lessonId }, sink) => {
      if (lessonId) find(lessonId);
      return trackerFor(ctx).subscribe({ ...(lessonId ? { lessonId } : {}), emit: (e) => sink.emit(e), fail: (err) => sink.fail(err) });
    },
  };
}
