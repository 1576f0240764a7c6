/** Placeholders until the lessons land. */
export function LessonsView() {
  return (
    <section>
      <h1>Lessons</h1>
      <p className="muted">Coming soon.</p>
    </section>
  );
}

export function LessonPane({ lessonId }: { lessonId: string }) {
  return <p className="muted">Lesson {lessonId} is coming soon.</p>;
}
