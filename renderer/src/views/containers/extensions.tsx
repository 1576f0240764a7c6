/**
 * Extension points of the containers view, filled in by other features in their own files so
 * they do not edit the view itself: detail tabs (logs, stats, top, shell...) and toolbar
 * buttons (run dialog...).
 */
import type { ReactNode } from 'react';
import type { ContainerSummary } from '../../../../main/contract';
import { debugDetailTabs, DebugToolbar } from './extensions-debug';
import { toolsDetailTabs } from './extensions-tools';
import { workflowDetailTabs, WorkflowToolbar } from './extensions-workflows';

export interface DetailTab {
  id: string;
  label: string;
  render: (c: ContainerSummary) => ReactNode;
}

export const containerDetailTabs: DetailTab[] = [...workflowDetailTabs, ...debugDetailTabs, ...toolsDetailTabs];

export function ContainersToolbarExtras() {
  return (
    <>
      <WorkflowToolbar />
      <DebugToolbar />
    </>
  );
}
