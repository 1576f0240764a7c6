/**
 * Exec in a running container: a one-off command (output with stdout and stderr apart, exit
 * code) and a live TTY shell whose session ends when its stream is destroyed (the shell's stdin
 * closes, so it exits).
 */
import { randomUUID } from 'node:crypto';
import type { Duplex } from 'node:stream';
import type Docker from 'dockerode';
import type { ExecOutput, ShellEvent } from '../contract';
import { FieldError } from '../engine/errors';
import { Demuxer } from './demux';
import { EngineFieldError } from './run';
import { dockerLine, splitWords } from './run-spec';
import { promptMarkerEnv, ShellCommandLog, type TypedCommand } from './shell-commands';

/** A command the learner typed in a live shell, with the container it ran in. */
export interface ShellCommand extends TypedCommand {
  containerId: string;
  containerName: string;
}

/** Refuses a container that is not running, saying why it cannot be entered. */
async function requireRunning(docker: Docker, id: string): Promise<string> {
  return (await runningContainer(docker, id)).name;
}

async function runningContainer(docker: Docker, id: string): Promise<{ id: string; name: string }> {
  const info = await docker.getContainer(id).inspect();
  const name = info.Name.replace(/^\//, '');
  if (!info.State.Running || info.State.Paused) {
    const state = info.State.Paused ? 'paused' : info.State.Status;
    throw new EngineFieldError(
      'id',
      `Container ${name} is ${state}, not running: exec needs a running process to join. ${info.State.Paused ? 'Unpause' : 'Start'} it first.`,
      'conflict',
      409,
    );
  }
  return { id: info.Id, name };
}

export async function execOnce(docker: Docker, id: string, commandText: string, timeoutMs = 30_000): Promise<ExecOutput> {
  const words = splitWords(commandText);
  if (typeof words === 'string') throw new FieldError('command', `Command: ${words}`);
  if (words.length === 0) throw new FieldError('command', 'Command: enter a command such as ls -l /');
  const name = await requireRunning(docker, id);
  const exec = await docker.getContainer(id).exec({ Cmd: words, AttachStdout: true, AttachStderr: true });
  const stream = (await exec.start({ hijack: true, stdin: false })) as Duplex;
  const demux = new Demuxer();
  await new Promise<void>((resolve) => {
    const timer = setTimeout(() => {
      stream.destroy();
      resolve();
    }, timeoutMs);
    stream.on('data', (c: Buffer) => demux.push(c));
    stream.on('error', () => undefined);
    stream.on('end', () => {
      clearTimeout(timer);
      resolve();
    });
    stream.on('close', () => {
      clearTimeout(timer);
      resolve();
    });
  });
  const info = await exec.inspect();
  return {
    command: dockerLine('exec', name, ...words),
    chunks: demux.chunks,
    exitCode: info.Running ? null : info.ExitCode,
    truncated: demux.truncated,
  };
}

interface Session {
  exec: Docker.Exec;
  stream: Duplex;
  commands: ShellCommandLog;
}

/** Live shell sessions by id; the subscription owns each one and ends it on close. */
export class ShellSessions {
  private readonly sessions = new Map<string, Session>();

  /** Opens a shell; `onCommand` hears each command the learner typed and ran in it (with its exit code). */
  async open(docker: Docker, id: string, cols: number, rows: number, emit: (e: ShellEvent) => void, onCommand?: (c: ShellCommand) => void): Promise<() => void> {
    const { id: containerId, name } = await runningContainer(docker, id);
    const shell = (await hasBash(docker, id)) ? '/bin/bash' : '/bin/sh';
    const exec = await docker.getContainer(id).exec({
      Cmd: [shell],
      AttachStdin: true,
      AttachStdout: true,
      AttachStderr: true,
      Tty: true,
      // No COLUMNS/LINES: busybox prefers them over the TTY size, so resizing would not show.
      // The prompt carries an invisible exit-status marker (see shell-commands.ts).
      Env: ['TERM=xterm-256color', ...promptMarkerEnv(shell)],
    });
    const stream = (await exec.start({ hijack: true, stdin: true, Tty: true })) as Duplex;
    const sessionId = randomUUID();
    const commands = new ShellCommandLog((c) => onCommand?.({ ...c, containerId, containerName: name }));
    this.sessions.set(sessionId, { exec, stream, commands });
    let closed = false;
    stream.on('error', () => undefined);
    emit({ type: 'started', sessionId, shell, command: dockerLine('exec', '-it', name, shell) });
    await exec.resize({ h: rows, w: cols }).catch(() => undefined);
    stream.on('data', (c: Buffer) => {
      const shown = commands.output(c);
      if (!closed && shown.length) emit({ type: 'output', data: shown.toString('base64') });
    });
    stream.on('end', () => {
      if (closed) return;
      void exec.inspect().then(
        (i) => !closed && emit({ type: 'exit', exitCode: i.Running ? null : i.ExitCode }),
        () => !closed && emit({ type: 'exit', exitCode: null }),
      );
    });
    return () => {
      closed = true;
      this.sessions.delete(sessionId);
      // The engine does not end an exec when its connection closes (moby#9098), so ask the
      // shell to leave: Ctrl-C stops whatever runs in the foreground, Ctrl-D ends the shell.
      try {
        stream.write('\x03\x04');
      } catch {
        // The stream is already gone.
      }
      setTimeout(() => {
        stream.end();
        stream.destroy();
      }, 300).unref?.();
    };
  }

  input(sessionId: string, data: string): void {
    const s = this.get(sessionId);
    s.commands.input(data);
    s.stream.write(data);
  }

  async resize(sessionId: string, cols: number, rows: number): Promise<void> {
    await this.get(sessionId).exec.resize({ h: rows, w: cols }).catch((err: { statusCode?: number }) => {
      // Podman answers 201 Created where Docker answers 200; docker-modem calls any status it
      // does not expect an error.
      if (err?.statusCode !== 201) throw err;
    });
  }

  private get(sessionId: string): Session {
    const s = this.sessions.get(sessionId);
    if (!s) throw new EngineFieldError('sessionId', 'This shell session has ended: open a new shell.', 'not-found', 404);
    return s;
  }
}

/** bash when the container has it (nicer line editing), else sh. */
async function hasBash(docker: Docker, id: string): Promise<boolean> {
  try {
    const out = await execOnce(docker, id, 'test -x /bin/bash', 5000);
    return out.exitCode === 0;
  } catch {
    return false;
  }
}
