/**
 * Runs `docker build` through the engine API: measures and packs the context, streams the
 * builder's log, reports the failing step in plain words, and cancels by destroying the request.
 */
import type Docker from 'dockerode';
import type { Readable } from 'node:stream';
import type { BuildEvent, ParsedSubscriptionArgs } from '../contract';
import { buildCommand } from './build-command';
import { FieldError } from '../engine/errors';
import { LineSplitter } from '../engine/line-splitter';
import { BuildLogReader, type BuildLine } from './build-log';
import { formatBytes, packContext, scanContext } from './build-context';

export type BuildOptions = ParsedSubscriptionArgs<'build:run'>;
export { buildCommand };

const MAX_LINE = 16 * 1024;

/** Starts a build; returns the function that cancels it (and closes every stream it opened). */
export function runBuild(docker: Docker, o: BuildOptions, emit: (e: BuildEvent) => void): () => void {
  const scan = scanContext(o.contextPath, o.dockerfile); // throws FieldError for a bad folder/Dockerfile
  const { entries: _entries, ...report } = scan;
  if (scan.sizeBytes > o.maxContextBytes) {
    throw new FieldError(
      'contextPath',
      `The build context is ${formatBytes(scan.sizeBytes)} (${scan.fileCount} files), over the limit of ${formatBytes(o.maxContextBytes)}. ` +
        'Add a .dockerignore that leaves out what the image does not need (node_modules, .git, build output), or pick a smaller folder.',
    );
  }
  const command = buildCommand(o);
  emit({ type: 'context', report, command });
  const controller = new AbortController();
  let tarStream: Readable | null = packContext(scan);
  tarStream.on('error', () => undefined);
  let response: Readable | null = null;
  let closed = false;
  const reader = new BuildLogReader();
  const splitter = new LineSplitter();

  const finish = (): void => {
    if (closed) return;
    closed = true;
    if (reader.error) emit({ type: 'failed', message: reader.error, step: reader.current });
    else if (reader.imageId) emit({ type: 'done', imageId: reader.imageId, tags: o.tags });
    else emit({ type: 'failed', message: 'The build ended without producing an image.', step: reader.current });
  };
  const handle = (line: string): void => {
    let msg: BuildLine;
    try {
      msg = JSON.parse(line) as BuildLine;
    } catch {
      emit({ type: 'log', text: line.slice(0, MAX_LINE) });
      return;
    }
    const { text, step } = reader.push(msg);
    if (step) emit({ type: 'step', ...step });
    if (text && !msg.error) emit({ type: 'log', text: text.slice(0, MAX_LINE) });
  };

  docker
    .buildImage(tarStream, {
      t: o.tags,
      dockerfile: o.dockerfile,
      buildargs: o.buildArgs,
      ...(o.target ? { target: o.target } : {}),
      ...(o.noCache ? { nocache: true } : {}),
      labels: o.labels,
      rm: true,
      forcerm: true,
      abortSignal: controller.signal,
    } as unknown as Docker.ImageBuildOptions)
    .then(
      (stream) => {
        response = stream as unknown as Readable;
        if (closed) {
          response.destroy();
          return;
        }
        response.on('data', (chunk: Buffer) => splitter.push(chunk).forEach(handle));
        response.on('error', (err: Error) => {
          if (!closed && !controller.signal.aborted) {
            reader.error ??= err.message;
            finish();
          }
        });
        response.on('end', () => {
          splitter.flush().forEach(handle);
          finish();
        });
      },
      (err: Error & { json?: { message?: string } }) => {
        if (closed) return;
        reader.error = err.json?.message ?? err.message;
        finish();
      },
    );

  return () => {
    if (!closed) {
      closed = true;
    }
    controller.abort();
    response?.destroy();
    tarStream?.destroy();
    tarStream = null;
  };
}
