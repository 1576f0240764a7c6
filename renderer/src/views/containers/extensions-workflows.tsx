/** The containers view's tabs and toolbar buttons of the "workflows" feature. */
import { useEffect, useState } from 'react';
import { useNavStore } from '../../stores/nav-store';
import { ExecTab } from '../workflows/exec-tab';
import { RunDialog } from '../workflows/run-dialog';
import { ShellTab } from '../workflows/shell-tab';
import type { DetailTab } from './extensions';

export const workflowDetailTabs: DetailTab[] = [
  { id: 'shell', label: 'Shell', render: (c) => <ShellTab key={c.id} container={c} /> },
  { id: 'exec', label: 'Exec', render: (c) => <ExecTab key={c.id} container={c} /> },
];

/** "Run a container", and the run dialog opened by nav params `{ runCommand }` (lessons use it). */
export function WorkflowToolbar() {
  const runCommand = useNavStore((s) => (typeof s.params.runCommand === 'string' ? s.params.runCommand : null));
  const [dialog, setDialog] = useState<{ command?: string; key: number } | null>(null);
  useEffect(() => {
    if (runCommand === null) return;
    setDialog({ command: runCommand, key: Date.now() });
    // Consume the parameter so the dialog does not reopen on the next visit.
    const { runCommand: _used, ...rest } = useNavStore.getState().params;
    useNavStore.setState({ params: rest });
  }, [runCommand]);
  return (
    <>
      <button type="button" className="primary" onClick={() => setDialog({ key: Date.now() })}>
        Run a container
      </button>
      {dialog && <RunDialog key={dialog.key} initialCommand={dialog.command} onClose={() => setDialog(null)} />}
    </>
  );
}
