/** Clipboard for Dockside's own page, nothing else for anyone. */
import { describe, expect, it } from 'vitest';
import { permissionAllowed } from '../../../main/electron/permissions';

const ours = { requestingUrl: 'app://dockside/index.html', fromOurWindow: true, mainFrame: true };

describe('permissions', () => {
  it('allows clipboard write and read to our window showing our page', () => {
    expect(permissionAllowed({ ...ours, permission: 'clipboard-sanitized-write' }, 'app://dockside')).toBe(true);
    expect(permissionAllowed({ ...ours, permission: 'clipboard-read' }, 'app://dockside')).toBe(true);
  });

  it('denies every other permission, even to our page', () => {
    for (const p of ['media', 'geolocation', 'notifications', 'midi', 'pointerLock', 'fullscreen', 'openExternal', 'display-capture', 'hid', 'serial', 'usb', 'unknown']) {
      expect(permissionAllowed({ ...ours, permission: p }, 'app://dockside'), p).toBe(false);
    }
  });

  it('denies the clipboard to other windows, other origins and subframes', () => {
    const p = 'clipboard-sanitized-write';
    expect(permissionAllowed({ ...ours, permission: p, fromOurWindow: false }, 'app://dockside')).toBe(false);
    expect(permissionAllowed({ ...ours, permission: p, requestingUrl: 'https://evil.example/' }, 'app://dockside')).toBe(false);
    expect(permissionAllowed({ ...ours, permission: p, requestingUrl: undefined }, 'app://dockside')).toBe(false);
    expect(permissionAllowed({ ...ours, permission: p, mainFrame: false }, 'app://dockside')).toBe(false);
  });
});
