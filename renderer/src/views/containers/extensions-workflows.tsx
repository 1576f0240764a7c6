/** The containers view's tabs and toolbar buttons of the "workflows" feature. */
import type { DetailTab } from './extensions';

export const workflowDetailTabs: DetailTab[] = [];

export function WorkflowToolbar() {
  return null;
}
