import { CommandLine } from '../components/command-line';
import { useCommandStore } from '../stores/command-store';

/**
 * The docker command behind the latest action, so every click teaches its CLI twin. One line that
 * never grows (older ones are in the notification history), in the flow under the view so it
 * never covers output, and closable.
 */
export function RecentCommands() {
  const last = useCommandStore((s) => s.recent[0]);
  const dismissed = useCommandStore((s) => s.dismissed);
  if (!last || dismissed) return null;
  return (
    <div className="recent-commands success" data-testid="recent-command">
      <span className="recent-label" title={last.label}>
        <span aria-hidden="true">✓ </span>
        {last.label}. Same in a terminal:
      </span>
      <CommandLine command={last.command} />
      <button type="button" className="small" onClick={() => useCommandStore.getState().dismiss()} aria-label="Close the command bar">
        ×
      </button>
    </div>
  );
}
