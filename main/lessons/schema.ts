/**
 * The shape of a lesson's front matter. Validated when lessons load (at start-up and in the
 * authoring test), so a typo in a check's parameters fails with the file and field named instead
 * of a task that silently never ticks.
 */
import { z } from 'zod';
import { VIEW_IDS } from './catalog';
import { checkSchema } from './checks';

const slug = z.string({ error: 'expected text' }).regex(/^[a-z0-9][a-z0-9-]*$/, 'use lower-case letters, digits and dashes');

export const taskSchema = z
  .object({
    id: slug,
    title: z.string({ error: 'expected text' }).min(3, 'is too short'),
    /** Optional hint shown under the task. */
    hint: z.string().optional(),
    check: checkSchema,
  })
  .strict();

export const quizSchema = z
  .object({
    question: z.string({ error: 'expected text' }).min(5, 'is too short'),
    choices: z.array(z.string().min(1), { error: 'expected a list of choices' }).min(2, 'needs at least two choices'),
    /** Index of the right choice. */
    answer: z.number({ error: 'expected a number' }).int('expected a whole number').min(0, 'must be a choice index'),
    explain: z.string({ error: 'expected text' }).min(5, 'is too short'),
  })
  .strict()
  .refine((q) => q.answer < q.choices.length, { message: 'is not one of the choices', path: ['answer'] });

export const frontMatterSchema = z
  .object({
    id: slug,
    title: z.string({ error: 'expected text' }).min(3, 'is too short'),
    order: z.number({ error: 'expected a number' }).int('expected a whole number').min(1, 'must be 1 or more'),
    /** One-line summary for the course overview. */
    summary: z.string({ error: 'expected text' }).min(5, 'is too short'),
    view: z.enum(VIEW_IDS, { error: `expected one of ${VIEW_IDS.join(', ')}` }),
    /** Parameters the views understand (see renderer/src/stores/nav-store.ts); unknown keys are typos. */
    viewParams: z
      .object({
        runCommand: z.string().startsWith('docker run', 'must be a docker run command').optional(),
        select: z.string().min(1).optional(),
        tab: z.enum(['logs', 'top', 'shell', 'stats', 'inspect', 'limits'], { error: 'expected logs, top, shell, stats, inspect or limits' }).optional(),
        lab: z.boolean({ error: 'expected true or false' }).optional(),
        pipeline: z.boolean({ error: 'expected true or false' }).optional(),
        registries: z.boolean({ error: 'expected true or false' }).optional(),
      })
      .strict()
      .optional(),
    tasks: z.array(taskSchema).default([]),
    quiz: z.array(quizSchema).default([]),
  })
  .strict();

export type LessonFrontMatter = z.output<typeof frontMatterSchema>;
export type LessonTask = z.output<typeof taskSchema>;

export interface LoadedLesson extends LessonFrontMatter {
  /** The Markdown after the front matter. */
  body: string;
  /** Path relative to the project, e.g. "lessons/05-run.md", for error messages. */
  file: string;
}
