import { useEffect, useRef } from 'react';

/** The streamed build output; bounded by the caller, scrolled to the end as lines arrive. */
export function BuildLogView({ lines, failedStep }: { lines: string[]; failedStep: string | null }) {
  const ref = useRef<HTMLPreElement>(null);
  useEffect(() => {
    const el = ref.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, [lines]);
  return (
    <pre ref={ref} className="build-log" data-testid="build-log" aria-label="Build log" tabIndex={0}>
      {lines.map((l, i) => (
        <span key={i} className={/^Step \d+\/\d+ : /.test(l) ? (failedStep && l.includes(failedStep) ? 'log-step failed' : 'log-step') : undefined}>
          {l}
          {'\n'}
        </span>
      ))}
    </pre>
  );
}
