/** One log line: ANSI colours rendered as styled spans, search matches highlighted. */
import Anser from 'anser';
import { memo } from 'react';
import type { LogLine } from '../../../../main/contract';

// Only colour codes matter here; a line without ESC is rendered as plain text (the common case).
const ESC = '\u001b';

export function plainText(text: string): string {
  return text.includes(ESC) ? Anser.ansiToText(text) : text;
}

function Highlighted({ text, query, current }: { text: string; query: string; current: boolean }) {
  const parts: React.ReactNode[] = [];
  const lower = text.toLowerCase();
  const q = query.toLowerCase();
  let from = 0;
  let k = 0;
  for (let at = lower.indexOf(q); at >= 0; at = lower.indexOf(q, at + q.length)) {
    if (at > from) parts.push(text.slice(from, at));
    parts.push(
      <mark key={k++} className={current ? 'current' : undefined}>
        {text.slice(at, at + q.length)}
      </mark>,
    );
    from = at + q.length;
  }
  parts.push(text.slice(from));
  return <>{parts}</>;
}

export const LogLineView = memo(function LogLineView({
  line,
  query,
  current,
  showTimestamps,
}: {
  line: LogLine;
  query: string;
  current: boolean;
  showTimestamps: boolean;
}) {
  const ts = showTimestamps && line.ts ? <span className="log-ts">{line.ts} </span> : null;
  let body: React.ReactNode;
  if (query && plainText(line.text).toLowerCase().includes(query.toLowerCase())) {
    // A matching line is shown without colours so the highlight reads clearly.
    body = <Highlighted text={plainText(line.text)} query={query} current={current} />;
  } else if (line.text.includes(ESC)) {
    body = Anser.ansiToJson(line.text, { use_classes: false, remove_empty: true }).map((e, i) => (
      <span
        key={i}
        style={{
          ...(e.fg ? { color: `rgb(${e.fg})` } : {}),
          ...(e.bg ? { backgroundColor: `rgb(${e.bg})` } : {}),
          ...(e.decorations.includes('bold') ? { fontWeight: 'bold' } : {}),
          ...(e.decorations.includes('underline') ? { textDecoration: 'underline' } : {}),
        }}
      >
        {e.content}
      </span>
    ));
  } else body = line.text;
  return (
    <>
      {ts}
      {body}
    </>
  );
});
