/** The "workflows" feature in the containers view: Shell and Exec tabs, and the run dialog. */
import { useEffect, useState } from 'react';
import { useNavStore } from '../../stores/nav-store';
import type { ContainersFeature } from '../containers/container-feature';
import { ExecTab } from './exec-tab';
import { RunDialog } from './run-dialog';
import { ShellTab } from './shell-tab';

/** "Run a container", and the run dialog opened by nav params `{ runCommand }` (lessons use it). */
function RunToolbar() {
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

export const workflowsContainersFeature: ContainersFeature = {
  name: 'workflows',
  detailTabs: [
    { id: 'shell', label: 'Shell', render: (c) => <ShellTab key={c.id} container={c} /> },
    { id: 'exec', label: 'Exec', render: (c) => <ExecTab key={c.id} container={c} /> },
  ],
  Toolbar: RunToolbar,
};
