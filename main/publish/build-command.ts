/** The `docker build` line for a build's options. Pure (no node: imports): the renderer previews it. */
import { dockerCommand } from '../engine/docker-command';

export function buildCommand(o: {
  contextPath: string;
  dockerfile: string;
  tags: string[];
  buildArgs: Record<string, string>;
  target?: string | undefined;
  noCache?: boolean;
  labels?: Record<string, string>;
}): string {
  const args: string[] = ['build'];
  for (const t of o.tags) args.push('-t', t);
  if (o.dockerfile !== 'Dockerfile') args.push('-f', `${o.contextPath.replace(/\/$/, '')}/${o.dockerfile}`);
  for (const [k, v] of Object.entries(o.buildArgs)) args.push('--build-arg', `${k}=${v}`);
  if (o.target) args.push('--target', o.target);
  if (o.noCache) args.push('--no-cache');
  for (const [k, v] of Object.entries(o.labels ?? {})) args.push('--label', `${k}=${v}`);
  args.push(o.contextPath);
  return dockerCommand(...args);
}

