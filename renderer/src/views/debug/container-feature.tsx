/** The "debug" feature's tabs in a container's details. */
import type { ContainersFeature } from '../containers/container-feature';
import { LimitsTab } from './limits-tab';
import { LogsTab } from './logs-tab';
import { StatsTab } from './stats-tab';
import { TopTab } from './top-tab';

export const debugContainersFeature: ContainersFeature = {
  name: 'debug',
  detailTabs: [
    { id: 'logs', label: 'Logs', render: (c) => <LogsTab key={c.id} container={c} /> },
    { id: 'stats', label: 'Stats', render: (c) => <StatsTab key={c.id} container={c} /> },
    { id: 'top', label: 'Processes (top)', render: (c) => <TopTab key={c.id} container={c} /> },
    { id: 'limits', label: 'Limits', render: (c) => <LimitsTab key={c.id} container={c} /> },
  ],
};
