/**
 * Reads lessons/*.md (YAML front matter + Markdown body), validates each against the schema and
 * the cross-lesson rules (unique ids and orders, unique task ids, links and diagrams that exist),
 * and reports every problem as "lessons/05-run.md: tasks.0.check.containerPort: expected a number".
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { DIAGRAM_BLOCK, DIAGRAM_IDS, VIEW_IDS, VIEW_LINK } from './catalog';
import { frontMatterSchema, type LoadedLesson } from './schema';

export class LessonError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid lessons:\n${problems.join('\n')}`);
  }
}

/** The project's lessons/ folder (next to main/), wherever the process was started. */
export function defaultLessonsDir(): string {
  if (process.env.DOCKSIDE_LESSONS_DIR) return process.env.DOCKSIDE_LESSONS_DIR;
  const here = path.dirname(fileURLToPath(import.meta.url));
  for (const candidate of [path.resolve(here, '../../lessons'), path.resolve(here, '../lessons'), path.resolve(process.cwd(), 'lessons')]) {
    if (fs.existsSync(candidate)) return candidate;
  }
  return path.resolve(process.cwd(), 'lessons');
}

function formatPath(p: readonly PropertyKey[]): string {
  return p.map(String).join('.') || '(front matter)';
}

/** Parses and validates one file's text; returns the lesson or the problems found. */
export function parseLesson(text: string, file: string): { lesson?: LoadedLesson; problems: string[] } {
  const m = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?([\s\S]*)$/.exec(text);
  if (!m) return { problems: [`${file}: no front matter (the file must start with a --- block)`] };
  let raw: unknown;
  try {
    raw = parseYaml(m[1]!);
  } catch (err) {
    return { problems: [`${file}: front matter is not valid YAML: ${(err as Error).message.split('\n')[0]}`] };
  }
  const parsed = frontMatterSchema.safeParse(raw);
  if (!parsed.success) {
    return { problems: parsed.error.issues.map((i) => `${file}: ${formatPath(i.path)}: ${i.message}`) };
  }
  const body = m[2]!;
  const problems: string[] = [];
  const taskIds = new Set<string>();
  parsed.data.tasks.forEach((t, i) => {
    if (taskIds.has(t.id)) problems.push(`${file}: tasks.${i}.id: "${t.id}" is used twice`);
    taskIds.add(t.id);
  });
  for (const link of body.matchAll(VIEW_LINK)) {
    if (!(VIEW_IDS as readonly string[]).includes(link[1]!)) problems.push(`${file}: body: link to unknown view "dockside:${link[1]}" (known: ${VIEW_IDS.join(', ')})`);
  }
  for (const d of body.matchAll(DIAGRAM_BLOCK)) {
    if (!(DIAGRAM_IDS as readonly string[]).includes(d[1]!)) problems.push(`${file}: body: unknown diagram "${d[1]}" (known: ${DIAGRAM_IDS.join(', ')})`);
  }
  if (!body.trim()) problems.push(`${file}: body: the lesson has no text`);
  if (problems.length) return { problems };
  return { lesson: { ...parsed.data, body, file }, problems };
}

/** Loads every lesson in the folder, sorted by order; throws LessonError listing all problems. */
export function loadLessons(dir: string = defaultLessonsDir()): LoadedLesson[] {
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('.md') && f !== 'README.md').sort();
  const rel = (f: string) => `${path.basename(dir)}/${f}`;
  const problems: string[] = [];
  const lessons: LoadedLesson[] = [];
  for (const f of files) {
    const r = parseLesson(fs.readFileSync(path.join(dir, f), 'utf8'), rel(f));
    problems.push(...r.problems);
    if (r.lesson) lessons.push(r.lesson);
  }
  const ids = new Map<string, string>();
  const orders = new Map<number, string>();
  for (const l of lessons) {
    if (ids.has(l.id)) problems.push(`${l.file}: id: "${l.id}" is also used by ${ids.get(l.id)}`);
    if (orders.has(l.order)) problems.push(`${l.file}: order: ${l.order} is also used by ${orders.get(l.order)}`);
    ids.set(l.id, l.file);
    orders.set(l.order, l.file);
  }
  if (!files.length) problems.push(`${path.basename(dir)}: no lessons found`);
  if (problems.length) throw new LessonError(problems);
  return lessons.sort((a, b) => a.order - b.order);
}
