/** One line of text with Markdown `code` spans (quiz questions, hints, engine messages), without a full Markdown renderer. */
import type { ReactNode } from 'react';

export function withCode(text: string): ReactNode[] {
  return text.split(/`([^`]+)`/).map((part, i) => (i % 2 ? <code key={i}>{part}</code> : part));
}
