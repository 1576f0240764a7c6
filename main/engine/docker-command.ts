/** Renders the docker CLI command equivalent to an action, quoted so it can be pasted in a shell. */
import { quote } from 'shell-quote';

export function dockerCommand(...args: (string | number | false | null | undefined)[]): string {
  const parts = args.filter((a): a is string | number => a !== false && a !== null && a !== undefined).map(String);
  return quote(['docker', ...parts]);
}
