/**
 * Live lesson checks: keeps the event history, builds a snapshot when the engine reports a change
 * (debounced, never on a timer), evaluates the tasks of the lessons someone is watching, stores
 * newly met tasks as done, and pushes the states to every subscriber.
 *
 * It listens to the engine only while at least one subscriber is open; when it starts listening
 * again it reads the events it missed with `docker events --since`, so history has no holes.
 */
import type { EngineEvent, LessonProgress, LessonProgressEvent } from '../contract';
import type { EngineManager } from '../engine/engine-manager';
import { FieldError } from '../engine/errors';
import { evaluateCheck, NEEDS_INSPECT, SETTLE_MS, type CheckResult } from './checks';
import { buildSnapshot } from './engine-snapshot';
import { EventHistory, readPastEvents } from './history';
import { ownActivity, type OwnActivity } from './own-activity';
import { ProgressStore } from './progress-store';
import { scopeSnapshot } from './scope';
import { learnerShell } from './shell-activity';
import type { LoadedLesson } from './schema';

/**
 * How far back history goes when the tracker starts listening again. Only events after the
 * learner started the course (or reset the lesson) count; this is just the most worth reading.
 */
export const HISTORY_WINDOW_SECONDS = 24 * 3600;
/** Bursts of events (a `docker run` emits 4-6) collapse into one evaluation. */
const DEBOUNCE_MS = 250;

interface Subscriber {
  lessonId?: string;
  emit(e: LessonProgressEvent): void;
  fail(err: unknown): void;
  /** What was last sent (without the time), so unchanged states are not sent again. */
  lastSent?: string;
}

export class LessonTracker {
  private readonly subs = new Set<Subscriber>();
  private readonly history = new EventHistory();
  private readonly store: ProgressStore;
  private off: (() => void)[] = [];
  private engineKey: string | null = null;
  private historyReady: Promise<void> | null = null;
  private debounce: NodeJS.Timeout | null = null;
  private settle: NodeJS.Timeout | null = null;
  private running = false;
  private again = false;
  private lastResults = new Map<string, CheckResult>();
  private readonly own: OwnActivity;

  constructor(
    private readonly engine: EngineManager,
    dataDir: string,
    private readonly lessons: () => LoadedLesson[],
  ) {
    this.store = new ProgressStore(dataDir);
    this.own = ownActivity(engine);
  }

  /** Adds an engine event unless it is Dockside's own background work; true when it was kept. */
  private remember(e: EngineEvent): boolean {
    if (this.own.covers(e)) return false;
    return this.history.add(e);
  }

  subscribe(sub: Subscriber): () => void {
    this.subs.add(sub);
    if (this.subs.size === 1) this.attach();
    this.schedule(0);
    return () => {
      this.subs.delete(sub);
      if (this.subs.size === 0) this.detach();
    };
  }

  /** Listener count, for leak checks in tests. */
  subscriberCount(): number {
    return this.subs.size;
  }

  async currentEngineKey(): Promise<string> {
    if (this.engineKey) return this.engineKey;
    const docker = this.engine.client();
    const info = (await docker.info()) as { ID?: string; Name?: string };
    const url = this.engine.getStatus().state === 'connected' ? (this.engine.getStatus() as { endpoint: { url: string } }).endpoint.url : 'unknown';
    this.engineKey = `${url}#${info.ID ?? info.Name ?? 'engine'}`;
    return this.engineKey;
  }

  async answer(lessonId: string, question: number, choice: number, reveal = false): Promise<{ correct: boolean; answer?: number; explain?: string }> {
    const lesson = this.lessons().find((l) => l.id === lessonId);
    const q = lesson?.quiz[question];
    if (!lesson) throw Object.assign(new Error(`No lesson "${lessonId}".`), { statusCode: 404 });
    if (!q) throw new FieldError('question', `Lesson "${lessonId}" has no question ${question}.`);
    if (choice >= q.choices.length) throw new FieldError('choice', `Question ${question} has only ${q.choices.length} choices.`);
    // A wrong answer never reveals the right one (the learner tries again or asks to see it);
    // a revealed answer earns no credit.
    if (reveal) {
      this.store.setQuiz(await this.currentEngineKey(), `${lessonId}/${question}`, false);
      this.schedule(0);
      return { correct: false, answer: q.answer, explain: q.explain };
    }
    const correct = choice === q.answer;
    this.store.setQuiz(await this.currentEngineKey(), `${lessonId}/${question}`, correct);
    this.schedule(0);
    return correct ? { correct, answer: q.answer, explain: q.explain } : { correct };
  }

  async reset(lessonId?: string): Promise<string> {
    const key = await this.currentEngineKey();
    this.store.reset(key, lessonId);
    this.schedule(0);
    return key;
  }

  /** The endpoint URL the engine is connected on ('' when not connected). */
  private engineUrl(): string {
    const s = this.engine.getStatus();
    return s.state === 'connected' ? s.endpoint.url : '';
  }

  private attach(): void {
    this.off.push(
      // Commands typed in Dockside's Shell tab arrive as exec events of their own (the engine sees only the shell).
      learnerShell(this.engine).onRecord((events, url) => {
        if (url !== this.engineUrl()) return;
        let added = false;
        for (const e of events) added = this.remember(e) || added;
        if (added) this.schedule(DEBOUNCE_MS);
      }),
      this.engine.onEvent((e: EngineEvent) => {
        // Only events a check could care about trigger an evaluation (add() drops the rest).
        if (this.remember(e)) {
          this.schedule(DEBOUNCE_MS);
          this.settleLater();
        }
      }),
      this.engine.onStatus((s) => {
        if (s.state !== 'connected') return;
        // Reconnected, maybe to another engine: its history and progress are its own.
        const before = this.engineKey;
        this.engineKey = null;
        void this.currentEngineKey().then((k) => {
          if (k !== before) this.history.clear();
          this.historyReady = this.loadHistory();
          this.schedule(0);
        }, () => undefined);
      }),
    );
    this.historyReady = this.loadHistory();
  }

  private detach(): void {
    for (const f of this.off) f();
    this.off = [];
    if (this.debounce) clearTimeout(this.debounce);
    this.debounce = null;
    if (this.settle) clearTimeout(this.settle);
    this.settle = null;
  }

  /** One more evaluation after the last change settles (a kill that turns out to be `rm -f`). */
  private settleLater(): void {
    if (this.settle) clearTimeout(this.settle);
    this.settle = setTimeout(() => {
      this.settle = null;
      this.schedule(0);
    }, SETTLE_MS);
  }

  private async loadHistory(): Promise<void> {
    if (this.engine.getStatus().state !== 'connected') return;
    for (const e of learnerShell(this.engine).list(this.engineUrl())) this.remember(e);
    const now = Math.floor(Date.now() / 1000);
    const since = Math.max(now - HISTORY_WINDOW_SECONDS, (this.history.newestSeconds() ?? 0) - 1);
    try {
      for (const e of await readPastEvents(this.engine.client(), since)) this.remember(e);
    } catch {
      // Without past events the history-based checks only see what happens from now on.
    }
  }

  private schedule(ms: number): void {
    if (this.subs.size === 0) return;
    if (this.debounce) clearTimeout(this.debounce);
    this.debounce = setTimeout(() => {
      this.debounce = null;
      void this.run();
    }, ms);
  }

  private async run(): Promise<void> {
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = true;
    try {
      do {
        this.again = false;
        await this.evaluate();
      } while (this.again && this.subs.size > 0);
    } finally {
      this.running = false;
    }
  }

  private async evaluate(): Promise<void> {
    if (this.engine.getStatus().state !== 'connected' || this.subs.size === 0) return;
    let lessons: LoadedLesson[];
    let key: string;
    try {
      lessons = this.lessons();
      await this.historyReady;
      key = await this.currentEngineKey();
    } catch (err) {
      for (const s of this.subs) s.fail(err);
      return;
    }
    const wanted = [...this.subs].some((s) => !s.lessonId) ? lessons : lessons.filter((l) => [...this.subs].some((s) => s.lessonId === l.id));
    const needsInspect = wanted.some((l) => l.tasks.some((t) => NEEDS_INSPECT.has(t.check.type)));
    let snapshot;
    try {
      snapshot = await buildSnapshot(this.engine.client(), this.history.list(), needsInspect);
    } catch (err) {
      for (const s of this.subs) s.fail(err);
      return;
    }
    const now = new Date().toISOString();
    const newlyMet: { key: string; how: string }[] = [];
    for (const l of wanted) {
      // Each lesson sees only what happened after the learner started (or reset) it.
      const scoped = scopeSnapshot(snapshot, this.store.sinceNano(key, l.id));
      for (const t of l.tasks) {
        const r = evaluateCheck(t.check, scoped);
        this.lastResults.set(`${l.id}/${t.id}`, r);
        if (r.met) newlyMet.push({ key: `${l.id}/${t.id}`, how: r.detail });
      }
    }
    this.store.markDone(key, newlyMet, now);
    const saved = this.store.forEngine(key);
    const progress = (l: LoadedLesson): LessonProgress => ({
      tasks: Object.fromEntries(
        l.tasks.map((t) => {
          const r = this.lastResults.get(`${l.id}/${t.id}`) ?? { met: false, detail: 'Not checked yet.' };
          const done = saved.tasks[`${l.id}/${t.id}`];
          return [t.id, { met: r.met, done: Boolean(done), ...(done ? { doneAt: done.at, doneHow: done.how } : {}), detail: r.detail }];
        }),
      ),
      quiz: Object.fromEntries(l.quiz.map((_, i) => [String(i), saved.quiz[`${l.id}/${i}`]]).filter(([, v]) => v !== undefined)),
      since: new Date(this.store.sinceNano(key, l.id) / 1e6).toISOString(),
    });
    for (const s of this.subs) {
      const mine = s.lessonId ? wanted.filter((l) => l.id === s.lessonId) : wanted;
      const lessonsState = Object.fromEntries(mine.map((l) => [l.id, progress(l)]));
      const fingerprint = JSON.stringify([key, lessonsState]);
      if (fingerprint === s.lastSent) continue;
      s.lastSent = fingerprint;
      s.emit({ engine: key, evaluatedAt: now, startedAt: saved.startedAt, lessons: lessonsState });
    }
  }
}
