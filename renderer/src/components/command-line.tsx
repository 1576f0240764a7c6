import { useState } from 'react';

/** A docker command shown as code with a copy button. */
export function CommandLine({ command, label = 'Copy command' }: { command: string; label?: string }) {
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(command);
      setCopied(true);
      setTimeout(() => setCopied(false), 1500);
    } catch {
      setCopied(false);
    }
  };
  return (
    <div className="command-line">
      <code data-testid="docker-command">{command}</code>
      <button type="button" className="small" onClick={copy} aria-label={`${label}: ${command}`}>
        {copied ? 'Copied' : 'Copy'}
      </button>
    </div>
  );
}
