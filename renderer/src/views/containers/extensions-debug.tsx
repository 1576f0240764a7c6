/** The containers view's tabs and toolbar buttons of the "debug" feature. */
import type { DetailTab } from './extensions';

export const debugDetailTabs: DetailTab[] = [];

export function DebugToolbar() {
  return null;
}
