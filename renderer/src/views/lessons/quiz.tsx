/** The short quiz at the end of a lesson; main judges the answer and remembers it. */
import { useState } from 'react';
import type { ApiError, LessonDetail, LessonProgress } from '../../../../main/contract';
import { call } from '../../api/client';
import { ErrorText } from '../../components/error-text';

function Question({ lessonId, index, question, choices, answeredRight }: { lessonId: string; index: number; question: string; choices: string[]; answeredRight: boolean }) {
  const [choice, setChoice] = useState<number | null>(null);
  const [result, setResult] = useState<{ correct: boolean; answer: number; explain: string } | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const name = `q-${lessonId}-${index}`;
  const submit = async () => {
    if (choice === null) return;
    const r = await call('lessons:answer', { lessonId, question: index, choice });
    if (r.ok) {
      setResult(r.value);
      setError(null);
    } else setError(r.error);
  };
  return (
    <fieldset className="lesson-question" data-testid={`quiz-${index}`}>
      <legend>
        {index + 1}. {question} {answeredRight && !result && <span className="badge state-running">answered right</span>}
      </legend>
      {choices.map((c, i) => (
        <label key={i} className="check">
          <input type="radio" name={name} checked={choice === i} onChange={() => { setChoice(i); setResult(null); }} />
          {c}
        </label>
      ))}
      <div>
        <button type="button" className="small" disabled={choice === null} onClick={submit}>
          Check answer
        </button>
      </div>
      {result && (
        <p role="status" className={result.correct ? 'quiz-right' : 'quiz-wrong'}>
          {result.correct ? 'Right. ' : `Not quite: the answer is "${choices[result.answer]}". `}
          {result.explain}
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
