import type { ContainerSummary } from '../../../../main/contract';
import { call } from '../../api/client';
import { useCommandStore } from '../../stores/command-store';

export type ContainerAction = 'start' | 'stop' | 'kill' | 'restart';

const LABELS: Record<ContainerAction, string> = { start: 'Started', stop: 'Stopped', kill: 'Killed', restart: 'Restarted' };

/** Runs an action and records its docker command; returns the engine's error message if any. */
export async function runContainerAction(action: ContainerAction, c: ContainerSummary): Promise<string | null> {
  const name = `containers:${action}` as const;
  const r = await call(name, { id: c.name || c.id });
  if (!r.ok) return r.error.message;
  useCommandStore.getState().show(`${LABELS[action]} ${c.name}`, r.value.command);
  return null;
}

export async function removeContainerConfirmed(c: ContainerSummary, force: boolean, removeVolumes: boolean): Promise<string | null> {
  const r = await call('containers:remove', { id: c.name || c.id, force, removeVolumes });
  if (!r.ok) return r.error.message;
  useCommandStore.getState().show(`Removed ${c.name}`, r.value.command);
  return null;
}
