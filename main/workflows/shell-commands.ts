/**
 * The commands a learner types in Dockside's own Shell tab, with their exit codes, so a lesson
 * task done there counts like the same `docker exec` from a terminal (the engine itself only
 * sees one `exec_start: /bin/sh` for the whole session).
 *
 * Dockside owns both ends of the session: the keystrokes it forwards and the output it shows.
 * - The exit status comes from the shell itself: the session's prompt carries an invisible marker
 *   (a private OSC sequence, `ESC ] 7771 ; $? BEL`) that the shell expands to the last command's
 *   exit code each time it prints a prompt. Markers are cut out of the output before it is shown.
 * - The command is the line the learner typed at a prompt and submitted with Enter. A line is
 *   only taken when it was typed plainly (characters, Backspace, Ctrl-U/Ctrl-W): a line edited
 *   with arrow keys, history recall or Tab completion cannot be read back from keystrokes, so it
 *   is not recorded at all (never guessed).
 * - Only a line submitted at a prompt and followed by the next prompt's marker counts: keys typed
 *   while a program runs are that program's input, and a command whose exit status never arrives
 *   (the shell exited, the prompt was changed by the learner) is not recorded.
 */

/** OSC number for the prompt marker: private, ignored by terminals that do not know it. */
const MARK = '\x1b]7771;';
const BEL = '\x07';
const MARKER = /\x1b\]7771;(\d{1,3})\x07/g;
/** Longest line worth recording; a longer one is left out rather than cut. */
const MAX_LINE = 1024;

/**
 * Environment for the shell's exec: the marker rides in PS1 for sh (busybox ash, dash expand `$?`
 * there), and also in PROMPT_COMMAND for bash, whose PS1 is usually rewritten by /etc/bash.bashrc.
 * The visible prompt stays the usual `\w \$ ` (`/ # ` for root).
 */
export function promptMarkerEnv(shell: string): string[] {
  const ps1 = `PS1=${MARK}$?${BEL}\\w \\$ `;
  // bash: PROMPT_COMMAND runs first and reports the real status (a second marker from PS1, when
  // no rc file replaced it, finds no command waiting and changes nothing).
  if (/bash$/.test(shell)) return [`PROMPT_COMMAND=printf '\\033]7771;%s\\007' $?`, ps1];
  return [ps1];
}

export interface TypedCommand {
  line: string;
  exitCode: number;
  /** When Enter was pressed (ms since epoch). */
  submittedAt: number;
  /** When the next prompt said the command had ended. */
  endedAt: number;
}

export class ShellCommandLog {
  private atPrompt = false;
  private line = '';
  /** The line was edited in a way keystrokes cannot reproduce (arrows, Tab, history...). */
  private unreadable = false;
  private pending: { line: string; at: number } | null = null;
  /** The end of the last output chunk when it may be the start of a marker split across chunks. */
  private carry = '';

  constructor(
    private readonly onCommand: (c: TypedCommand) => void,
    private readonly now: () => number = Date.now,
  ) {}

  /** Keystrokes the terminal sends (xterm.js `onData`). */
  input(data: string): void {
    let i = 0;
    while (i < data.length) {
      const ch = data[i]!;
      if (ch === '\x1b') {
        i = this.escape(data, i);
        continue;
      }
      i++;
      if (ch === '\r' || ch === '\n') this.submit();
      else if (!this.atPrompt) continue;
      else if (ch === '\x7f' || ch === '\b') this.line = this.line.slice(0, -1);
      else if (ch === '\x15' || ch === '\x03') this.clear(); // Ctrl-U, Ctrl-C: the shell drops the line
      else if (ch === '\x17') this.line = this.line.replace(/\S*\s*$/, ''); // Ctrl-W: the word before
      else if (ch < ' ') this.unreadable = true; // Tab, Ctrl-A, Ctrl-R...: the line is no longer what was typed
      else if (this.line.length < MAX_LINE) this.line += ch;
      else this.unreadable = true;
    }
  }

  /** Output of the shell: returns it without the prompt markers, noting each one. */
  output(chunk: Buffer): Buffer {
    let text = this.carry + chunk.toString('latin1');
    this.carry = '';
    text = text.replace(MARKER, (_m, code: string) => {
      this.prompt(Number(code));
      return '';
    });
    // Keep back a tail that could be the first part of a marker (at most its length).
    const start = text.lastIndexOf('\x1b');
    if (start >= 0 && text.length - start <= MARK.length + 4) {
      const tail = text.slice(start);
      if (MARK.startsWith(tail) || (tail.startsWith(MARK) && /^\d*$/.test(tail.slice(MARK.length)))) {
        this.carry = tail;
        text = text.slice(0, start);
      }
    }
    return Buffer.from(text, 'latin1');
  }

  /** Skips one escape sequence; a cursor-position report (the terminal's answer to ash) is not editing. */
  private escape(data: string, at: number): number {
    const csi = /^\x1b\[([\d;]*)([\x40-\x7e])/.exec(data.slice(at, at + 32));
    if (csi) {
      const cursorReport = csi[2] === 'R';
      const paste = csi[2] === '~' && (csi[1] === '200' || csi[1] === '201');
      if (this.atPrompt && !cursorReport && !paste) this.unreadable = true;
      return at + csi[0].length;
    }
    // ESC O x (arrows in application mode), Alt+key and anything else: not plain typing.
    if (this.atPrompt) this.unreadable = true;
    return at + (data[at + 1] === 'O' ? 3 : 2);
  }

  private submit(): void {
    if (!this.atPrompt) return;
    const line = this.line.trim();
    if (line && !this.unreadable) this.pending = { line, at: this.now() };
    this.atPrompt = false;
    this.clear();
  }

  private prompt(exitCode: number): void {
    // Already at a prompt with nothing submitted: the shell redrew the same prompt (busybox ash
    // and readline reprint it, marker included, when the terminal is resized or Ctrl-L is
    // pressed) and the line being typed is still there; only a new prompt starts a new line.
    if (this.atPrompt && !this.pending) return;
    if (this.pending) this.onCommand({ line: this.pending.line, exitCode, submittedAt: this.pending.at, endedAt: this.now() });
    this.pending = null;
    this.atPrompt = true;
    this.clear();
  }

  private clear(): void {
    this.line = '';
    this.unreadable = false;
  }
}
