/**
 * Permission policy: Dockside's own page may write to the clipboard (every Copy button) and read
 * it (Paste in the container shell); every other permission, and any permission for any other
 * page or window, is denied.
 */
import { originOf } from './renderer-source';

const CLIPBOARD = new Set(['clipboard-sanitized-write', 'clipboard-read']);

export interface PermissionQuery {
  permission: string;
  /** URL (or origin) of the page asking. */
  requestingUrl: string | undefined;
  /** True when the asking webContents is our main window's. */
  fromOurWindow: boolean;
  /** True when the asking frame is the top frame. */
  mainFrame: boolean;
}

export function permissionAllowed(q: PermissionQuery, appOrigin: string): boolean {
  if (!CLIPBOARD.has(q.permission)) return false;
  if (!q.fromOurWindow || !q.mainFrame) return false;
  return q.requestingUrl !== undefined && originOf(q.requestingUrl) === appOrigin;
}
