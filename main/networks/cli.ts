/**
 * Renders the networks feature's `docker ...` commands for the learner. Like
 * engine/docker-command.ts, but a word is quoted only when the shell needs it: shell-quote
 * escapes ":" and "=" ("-p 8080\:80"), which is valid but hard to read in a lesson.
 */
const SAFE = /^[A-Za-z0-9_./:=@%+,-]+$/;

export function quoteWord(word: string): string {
  if (word !== '' && SAFE.test(word)) return word;
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

export function networkCommand(...args: (string | number | false | null | undefined)[]): string {
  const parts = args.filter((a): a is string | number => a !== false && a !== null && a !== undefined).map(String);
  return ['docker', ...parts].map(quoteWord).join(' ');
}
