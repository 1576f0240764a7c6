import { describe, expect, it } from 'vitest';
import { isSafeExternalUrl } from '../../../main/electron/window-options';

describe('external links', () => {
  it('opens only http(s) links externally', () => {
    expect(isSafeExternalUrl('https://docs.docker.com/')).toBe(true);
    expect(isSafeExternalUrl('http://localhost:8080/')).toBe(true);
    for (const bad of ['file:///etc/passwd', 'javascript:alert(1)', 'smb://host/share', 'not a url', 'ms-msdt:/id']) {
      expect(isSafeExternalUrl(bad)).toBe(false);
    }
  });
});
