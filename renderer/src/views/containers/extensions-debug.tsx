/** The containers view's tabs and toolbar buttons of the "debug" feature. */
import { LimitsTab } from '../debug/limits-tab';
import { LogsTab } from '../debug/logs-tab';
import { StatsTab } from '../debug/stats-tab';
import { TopTab } from '../debug/top-tab';
import type { DetailTab } from './extensions';

// Each tab mounts only while selected, so its stream or polling runs only while on screen.
export const debugDetailTabs: DetailTab[] = [
  { id: 'logs', label: 'Logs', render: (c) => <LogsTab key={c.id} container={c} /> },
  { id: 'stats', label: 'Stats', render: (c) => <StatsTab key={c.id} container={c} /> },
  { id: 'top', label: 'Processes (top)', render: (c) => <TopTab key={c.id} container={c} /> },
  { id: 'limits', label: 'Limits', render: (c) => <LimitsTab key={c.id} container={c} /> },
];

export function DebugToolbar() {
  return null;
}
