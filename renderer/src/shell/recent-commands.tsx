import { CommandLine } from '../components/command-line';
import { useCommandStore } from '../stores/command-store';

/** The docker command behind the latest action, so every click teaches its CLI twin. */
export function RecentCommands() {
  const recent = useCommandStore((s) => s.recent);
  const last = recent[0];
  if (!last) return null;
  return (
    <div className="recent-commands" aria-live="polite" data-testid="recent-command">
      <span className="muted">{last.label}. Same in a terminal:</span>
      <CommandLine command={last.command} />
    </div>
  );
}
