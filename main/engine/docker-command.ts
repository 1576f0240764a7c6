/**
 * Renders the docker CLI command equivalent to an action, quoted so it can be pasted into a
 * POSIX shell. Quoting follows Python's shlex.quote: plain words stay as they are (so
 * `--time=2` reads naturally), anything else is single-quoted.
 */
const SAFE = /^[A-Za-z0-9_@%+=:,./-]+$/;

export function shellQuote(arg: string): string {
  if (arg === '') return "''";
  if (SAFE.test(arg)) return arg;
  return `'${arg.replace(/'/g, `'"'"'`)}'`;
}

export function dockerCommand(...args: (string | number | false | null | undefined)[]): string {
  const parts = args.filter((a): a is string | number => a !== false && a !== null && a !== undefined).map(String);
  return ['docker', ...parts].map(shellQuote).join(' ');
}
