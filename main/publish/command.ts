/**
 * `docker ...` lines for the publish feature. Same as engine/docker-command.ts, minus the
 * backslashes shell-quote puts before ':' and '=' ("127.0.0.1\:5000/app\:1.0"): neither needs
 * quoting in an argument, and image references full of them are what learners copy here.
 */
import { dockerCommand } from '../engine/docker-command';

export function publishCommand(...args: (string | number | false | null | undefined)[]): string {
  return dockerCommand(...args).replace(/\\([:=])/g, '$1');
}
