/** Commands typed in the Shell tab: what counts as a command, its exit code from the prompt marker, and what never counts. */
import { describe, expect, it } from 'vitest';
import { checkSchema, evaluateCheck } from '../../../main/lessons/checks';
import { LearnerShellActivity } from '../../../main/lessons/shell-activity';
import type { EngineSnapshot } from '../../../main/lessons/snapshot';
import { promptMarkerEnv, ShellCommandLog, type TypedCommand } from '../../../main/workflows/shell-commands';

const prompt = (code: number) => Buffer.from(`\x1b]7771;${code}\x07/ # `, 'latin1');

function session() {
  const seen: TypedCommand[] = [];
  let t = 1000;
  const log = new ShellCommandLog((c) => seen.push(c), () => (t += 10));
  return { log, seen, lines: () => seen.map((c) => [c.line, c.exitCode]) };
}

describe('ShellCommandLog', () => {
  it('records a line typed at a prompt with the exit code the next prompt reports, and hides the markers', () => {
    const { log, lines } = session();
    expect(log.output(Buffer.from('BusyBox built-in shell\r\n')).toString()).toBe('BusyBox built-in shell\r\n');
    expect(log.output(prompt(0)).toString()).toBe('/ # ');
    log.input('ls /');
    log.input('\r');
    expect(log.output(Buffer.from('ls /\r\nbin  etc\r\n')).toString()).toBe('ls /\r\nbin  etc\r\n');
    expect(log.output(prompt(0)).toString()).toBe('/ # ');
    log.input('netstat --bad\r');
    log.output(prompt(1));
    expect(lines()).toEqual([
      ['ls /', 0],
      ['netstat --bad', 1],
    ]);
  });

  it('a marker split across output chunks is still found and never shown', () => {
    const { log, lines } = session();
    log.output(prompt(0));
    log.input('ls\r');
    const whole = Buffer.concat([Buffer.from('bin\r\n'), prompt(127)]);
    let shown = '';
    for (let cut = 1; cut < whole.length; cut += 3) shown += log.output(whole.subarray(cut - 1, Math.min(cut + 2, whole.length))).toString('latin1');
    expect(shown).toBe('bin\r\n/ # ');
    expect(lines()).toEqual([['ls', 127]]);
  });

  it('Backspace, Ctrl-W and Ctrl-U edit the line as the shell does; the answer to a cursor-position query is not typing', () => {
    const { log, lines } = session();
    log.output(prompt(0));
    log.input('lx\x7fs -l\x1b[24;5R\r');
    log.output(prompt(0));
    log.input('rm -rf /tmp\x15netstat oops\x17-ltn\r');
    log.output(prompt(0));
    expect(lines()).toEqual([
      ['ls -l', 0],
      ['netstat -ltn', 0],
    ]);
  });

  it('a line edited with arrows, history or Tab completion is never guessed', () => {
    const { log, seen } = session();
    log.output(prompt(0));
    log.input('\x1b[A\r'); // history recall
    log.output(prompt(0));
    log.input('net\t -ltn\r'); // completion
    log.output(prompt(0));
    log.input('sl\x1b[D\x1b[Dl\r'); // cursor moved
    log.output(prompt(0));
    expect(seen).toEqual([]);
    // The next plain line counts again.
    log.input('ls\r');
    log.output(prompt(0));
    expect(seen.map((c) => c.line)).toEqual(['ls']);
  });

  it('keys typed while a program runs, before the first prompt, or a command whose prompt never comes do not count', () => {
    const { log, seen } = session();
    log.input('ls\r'); // before the shell printed its first prompt
    log.output(prompt(0));
    log.input('cat\r');
    log.input('netstat\r'); // input to cat, not a command
    log.output(prompt(0)); // cat ended
    log.input('exit\r'); // the shell ends: no prompt, no exit status
    expect(seen.map((c) => c.line)).toEqual(['cat']);
  });

  it('two markers for one prompt (bash: PROMPT_COMMAND and PS1) record the command once, with the first one\'s code', () => {
    const { log, lines } = session();
    log.output(prompt(0));
    log.input('netstat -x\r');
    log.output(Buffer.concat([prompt(2), prompt(0)]));
    expect(lines()).toEqual([['netstat -x', 2]]);
  });

  it('a prompt redrawn while a line is typed (the terminal was resized) keeps the line', () => {
    // Recorded from busybox ash: a resize mid-line reprints the prompt, marker included, then the line.
    const { log, lines } = session();
    log.output(Buffer.from('\x1b]7771;0\x07/ # \x1b[6n\r\x1b]7771;0\x07/ # \x1b[J', 'latin1'));
    log.input('\x1b[5;5Rnetstat --bad');
    expect(log.output(Buffer.from('\r\x1b]7771;0\x07/ # netstat --bad\x1b[J', 'latin1')).toString('latin1')).toBe('\r/ # netstat --bad\x1b[J');
    log.input('-flag\r');
    log.output(prompt(1));
    expect(lines()).toEqual([['netstat --bad-flag', 1]]);
  });

  it('an empty line or Ctrl-C records nothing', () => {
    const { log, seen } = session();
    log.output(prompt(0));
    log.input('\r');
    log.output(prompt(0));
    log.input('ls\x03');
    log.output(prompt(130));
    expect(seen).toEqual([]);
  });

  it('puts the marker in PS1 for sh, and also in PROMPT_COMMAND for bash', () => {
    expect(promptMarkerEnv('/bin/sh')).toEqual(['PS1=\x1b]7771;$?\x07\\w \\$ ']);
    expect(promptMarkerEnv('/bin/bash')[0]).toMatch(/^PROMPT_COMMAND=printf '\\033\]7771;%s\\007' \$\?$/);
    expect(promptMarkerEnv('/bin/bash')[1]).toBe(promptMarkerEnv('/bin/sh')[0]);
  });
});

describe('LearnerShellActivity feeds the exec-ran check like a terminal exec', () => {
  const snapshot = (events: EngineSnapshot['events']): EngineSnapshot => ({ containers: [], networks: [], volumes: [], images: [], events });
  const check = checkSchema.parse({ type: 'exec-ran', commands: ['netstat'] });
  const base = { engineUrl: 'unix:///var/run/docker.sock', containerId: 'c'.repeat(64), containerName: 'box' };

  it('a command with exit 0 ticks and says it came from the Shell tab; a failed one does not', () => {
    const a = new LearnerShellActivity();
    a.record({ ...base, line: 'netstat --bad', exitCode: 1, submittedAt: 1000, endedAt: 1010 });
    let r = evaluateCheck(check, snapshot(a.list(base.engineUrl)));
    expect(r.met).toBe(false);
    expect(r.detail).toContain('failed (exit code 1)');
    a.record({ ...base, line: 'netstat -ltn', exitCode: 0, submittedAt: 2000, endedAt: 2010 });
    r = evaluateCheck(check, snapshot(a.list(base.engineUrl)));
    expect(r).toEqual({ met: true, detail: 'Ran "netstat -ltn" in box (in the Shell tab).' });
  });

  it('keeps each engine endpoint apart and tells listeners', () => {
    const a = new LearnerShellActivity();
    const heard: string[] = [];
    const off = a.onRecord((events, url) => heard.push(`${url} ${events[0]!.action}`));
    a.record({ ...base, engineUrl: 'tcp://other:2376', line: 'netstat', exitCode: 0, submittedAt: 1, endedAt: 2 });
    off();
    a.record({ ...base, line: 'ls', exitCode: 0, submittedAt: 3, endedAt: 4 });
    expect(a.list(base.engineUrl).map((e) => e.action)).toEqual(['exec_start: ls', 'exec_die']);
    expect(heard).toEqual(['tcp://other:2376 exec_start: netstat']);
  });
});
