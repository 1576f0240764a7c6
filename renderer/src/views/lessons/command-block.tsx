/**
 * A fenced code block from a lesson. Lines that are `docker ...` commands each get Copy and
 * "Open in Dockside" (the matching view or dialog, prefilled); other blocks (a Caddyfile, a
 * Dockerfile) get one Copy button for the whole text.
 */
import { useState } from 'react';
import { commandTarget } from '../../../../main/lessons/command-target';
import { markIntent } from '../../stores/learner-intent';
import { useNavStore, type ViewId } from '../../stores/nav-store';

function CopyButton({ text, what }: { text: string; what: string }) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setState('copied');
    } catch {
      setState('failed');
    }
    setTimeout(() => setState('idle'), 1500);
  };
  return (
    <button type="button" className="small" onClick={copy} aria-label={`Copy ${what}`}>
      {state === 'copied' ? 'Copied' : state === 'failed' ? 'Copy failed' : 'Copy'}
    </button>
  );
}

function CommandRow({ command }: { command: string }) {
  const go = useNavStore((s) => s.go);
  const target = commandTarget(command);
  return (
    <div className="lesson-command" data-testid="lesson-command">
      <code>{command}</code>
      <span className="actions">
        <CopyButton text={command} what={command} />
        {target && (
          <button type="button" className="small" onClick={() => {
              // Clicking a command is the learner doing it: the tab it opens acts at once and counts.
              if (typeof target.params.tab === 'string') markIntent(`tab:${target.params.tab}`);
              go(target.view as ViewId, target.params);
            }} aria-label={`Open in Dockside: ${command}`} title={target.label}>
            Open in Dockside
          </button>
        )}
      </span>
    </div>
  );
}

export function CommandBlock({ text }: { text: string }) {
  const lines = text.replace(/\n$/, '').split('\n');
  const commands = lines.filter((l) => l.trim());
  if (commands.length && commands.every((l) => l.trim().startsWith('docker '))) {
    return (
      <div className="lesson-commands">
        {commands.map((c, i) => (
          <CommandRow key={i} command={c.trim()} />
        ))}
      </div>
    );
  }
  return (
    <div className="lesson-code">
      <pre>
        <code>{text}</code>
      </pre>
      <CopyButton text={text} what="this block" />
    </div>
  );
}
