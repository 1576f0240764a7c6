/** Authoring safety: the real lessons validate, and malformed ones fail with the file and problem named. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LessonError, loadLessons, parseLesson } from '../../../main/lessons/load';

const LESSONS_DIR = path.resolve(__dirname, '../../../lessons');

describe('the course in lessons/', () => {
  const lessons = loadLessons(LESSONS_DIR);
  it('has the 19 parts of the course, in order', () => {
    expect(lessons.map((l) => l.id)).toEqual([
      'moving-parts', 'what-is-docker', 'containers-vs-vms', 'images-vs-containers', 'running-a-container', 'stop-vs-kill',
      'volumes', 'exec-and-shell', 'offline-containers', 'load-balancers', 'custom-networks', 'caddyfiles', 'dockerfiles',
      'logs', 'stats', 'top', 'resource-limits', 'publishing', 'deployment-pipeline',
    ]);
    expect(lessons.map((l) => l.order)).toEqual(lessons.map((_, i) => i + 1));
  });
  it('gives every lesson something to do: tasks or a quiz', () => {
    for (const l of lessons) expect(l.tasks.length + l.quiz.length, l.file).toBeGreaterThan(0);
  });
  it('ends concept lessons with a quiz on stop vs kill, image vs container and restart vs new container', () => {
    const questions = lessons.flatMap((l) => l.quiz.map((q) => `${q.question} ${q.choices.join(' ')}`.toLowerCase()));
    expect(questions.some((q) => q.includes('docker stop') && q.includes('docker kill'))).toBe(true);
    expect(questions.some((q) => q.includes('image') && q.includes('container') && q.includes('read-only'))).toBe(true);
    expect(questions.some((q) => q.includes('restart') && q.includes('new container'))).toBe(true);
  });
});

describe('malformed lessons', () => {
  const ok = `---\nid: x\ntitle: A lesson\norder: 1\nsummary: Something here.\nview: containers\n`;
  const problems = (text: string) => parseLesson(text, 'lessons/05-run.md').problems;

  it('names the file and the field of a bad check parameter', () => {
    const p = problems(`${ok}tasks:\n  - id: t\n    title: Publish it\n    check: { type: port-published, containerPort: eighty }\n---\nBody\n`);
    expect(p).toEqual([expect.stringMatching(/^lessons\/05-run\.md: tasks\.0\.check\.containerPort: expected a number/)]);
  });
  it('rejects an unknown check type and lists the known ones', () => {
    const p = problems(`${ok}tasks:\n  - id: t\n    title: Do it\n    check: { type: port-publish }\n---\nBody\n`);
    expect(p[0]).toMatch(/^lessons\/05-run\.md: tasks\.0\.check\.type: unknown check type \(known: .*port-published.*\)$/);
  });
  it('rejects unknown parameters, unknown views, missing titles and bad quiz answers', () => {
    expect(problems(`${ok}tasks:\n  - id: t\n    title: Do it\n    check: { type: network-none, extra: 1 }\n---\nBody\n`)[0]).toMatch(/tasks\.0\.check: Unrecognized key: "extra"/);
    expect(problems(ok.replace('view: containers', 'view: dashboard') + '---\nBody\n')[0]).toMatch(/lessons\/05-run\.md: view: expected one of containers/);
    expect(problems(ok.replace('title: A lesson\n', '') + '---\nBody\n')[0]).toMatch(/lessons\/05-run\.md: title: expected text/);
    expect(problems(`${ok}quiz:\n  - question: Which one?\n    choices: [a, b]\n    answer: 2\n    explain: Because it is.\n---\nBody\n`)[0]).toMatch(/quiz\.0\.answer: is not one of the choices/);
  });
  it('checks view parameters', () => {
    expect(problems(`${ok}viewParams: { tab: logz }\n---\nBody\n`)[0]).toMatch(/lessons\/05-run\.md: viewParams\.tab: expected logs, top, shell/);
    expect(problems(`${ok}viewParams: { labb: true }\n---\nBody\n`)[0]).toMatch(/viewParams: Unrecognized key: "labb"/);
  });
  it('checks links to views and diagrams in the body', () => {
    expect(problems(`${ok}---\nSee [it](dockside:dashboard).\n`)[0]).toMatch(/body: link to unknown view "dockside:dashboard"/);
    expect(problems(`${ok}---\n\`\`\`diagram spaceship\n\`\`\`\n`)[0]).toMatch(/body: unknown diagram "spaceship"/);
  });
  it('reports missing front matter and broken YAML', () => {
    expect(problems('# Just markdown\n')[0]).toMatch(/no front matter/);
    expect(problems('---\nid: [x\n---\nBody\n')[0]).toMatch(/front matter is not valid YAML/);
  });

  let dir = '';
  afterEach(() => dir && fs.rmSync(dir, { recursive: true, force: true }));
  it('loadLessons reports every problem of every file, and duplicate ids and orders', () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lessons-'));
    fs.writeFileSync(path.join(dir, '01-a.md'), `${ok}---\nBody\n`);
    fs.writeFileSync(path.join(dir, '02-b.md'), `${ok}---\nBody\n`);
    fs.writeFileSync(path.join(dir, '03-c.md'), `${ok.replace('order: 1', 'order: one')}---\nBody\n`);
    let err: unknown;
    try {
      loadLessons(dir);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(LessonError);
    const p = (err as LessonError).problems;
    expect(p).toContain(`${path.basename(dir)}/03-c.md: order: expected a number`);
    expect(p.some((x) => x.includes('02-b.md: id: "x" is also used by'))).toBe(true);
    expect(p.some((x) => x.includes('02-b.md: order: 1 is also used by'))).toBe(true);
  });
});
