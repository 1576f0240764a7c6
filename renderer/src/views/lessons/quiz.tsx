/**
 * The short quiz at the end of a lesson; main judges the answer and remembers it. A wrong answer
 * says so without giving the right one away: the learner tries again, or asks to see the answer.
 */
import { useState } from 'react';
import type { ApiError, LessonDetail, LessonProgress } from '../../../../main/contract';
import { call } from '../../api/client';
import { ErrorText } from '../../components/error-text';
import { withCode } from '../../components/inline-code';

type Result = { correct: boolean; answer?: number; explain?: string; revealed?: boolean };

function Question({ lessonId, index, question, choices, answeredRight }: { lessonId: string; index: number; question: string; choices: string[]; answeredRight: boolean }) {
  const [choice, setChoice] = useState<number | null>(null);
  const [result, setResult] = useState<Result | null>(null);
  const [tries, setTries] = useState(0);
  const [error, setError] = useState<ApiError | null>(null);
  const name = `q-${lessonId}-${index}`;
  const ask = async (reveal: boolean) => {
    if (choice === null && !reveal) return;
    const r = await call('lessons:answer', { lessonId, question: index, choice: choice ?? 0, reveal });
    if (r.ok) {
      setResult({ ...r.value, revealed: reveal });
      if (!reveal && !r.value.correct) setTries((n) => n + 1);
      setError(null);
    } else setError(r.error);
  };
  const settled = result?.correct || result?.revealed;
  return (
    <fieldset className="lesson-question" data-testid={`quiz-${index}`}>
      <legend>
        {index + 1}. {withCode(question)} {answeredRight && !result && <span className="badge state-running">answered right</span>}
      </legend>
      {choices.map((c, i) => (
        <label key={i} className="check">
          <input
            type="radio"
            name={name}
            checked={choice === i}
            disabled={Boolean(settled)}
            onChange={() => {
              setChoice(i);
              setResult(null);
            }}
          />
          {withCode(c)}
        </label>
      ))}
      <div className="form-row">
        <button type="button" className="small" disabled={choice === null || Boolean(settled)} onClick={() => void ask(false)}>
          Check answer
        </button>
        {!settled && (tries > 0 || answeredRight) && (
          <button type="button" className="small" onClick={() => void ask(true)}>
            Show answer
          </button>
        )}
      </div>
      {result && (
        <p role="status" className={result.correct ? 'quiz-right' : 'quiz-wrong'}>
          {result.correct
            ? 'Right. '
            : result.revealed && result.answer !== undefined
              ? `The answer is "${choices[result.answer]}". `
              : 'Not quite. Read the question again and try another answer, or press Show answer.'}
          {result.explain && withCode(result.explain)}
        </p>
      )}
      {error && <ErrorText error={error} />}
    </fieldset>
  );
}

export function Quiz({ lesson, progress }: { lesson: LessonDetail; progress: LessonProgress | undefined }) {
  if (!lesson.quiz.length) return null;
  return (
    <section className="lesson-quiz" aria-labelledby="lesson-quiz-title">
      <h3 id="lesson-quiz-title">Quiz</h3>
      {lesson.quiz.map((q, i) => (
        <Question key={`${lesson.id}-${i}`} lessonId={lesson.id} index={i} question={q.question} choices={q.choices} answeredRight={progress?.quiz[String(i)] === true} />
      ))}
    </section>
  );
}
