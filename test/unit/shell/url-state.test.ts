import { describe, expect, it } from 'vitest';
import { formatHash, parseHash } from '../../../renderer/src/shell/url-state';

describe('URL hash of the navigation state', () => {
  it('round-trips a view, an open container with its tab, and a lesson', () => {
    const s = { view: 'containers' as const, detail: { container: 'web-1', tab: 'logs' }, lessonId: '14-logs' };
    expect(formatHash(s)).toBe('#/containers/web-1/logs?lesson=14-logs');
    expect(parseHash(formatHash(s))).toEqual(s);
  });

  it('keeps details only on the containers view', () => {
    expect(formatHash({ view: 'images', detail: { container: 'web', tab: 'logs' }, lessonId: null })).toBe('#/images');
    expect(parseHash('#/images/web/logs')).toEqual({ view: 'images', detail: null, lessonId: null });
  });

  it('defaults a missing tab to Inspect', () => {
    expect(parseHash('#/containers/web')?.detail).toEqual({ container: 'web', tab: 'inspect' });
  });

  it('ignores foreign, unknown or unsafe hashes', () => {
    expect(parseHash('')).toBeNull();
    expect(parseHash('#main')).toBeNull();
    expect(parseHash('#/nowhere')).toBeNull();
    expect(parseHash('#/containers/%E0%A4%A/logs')?.detail).toBeNull();
    expect(parseHash('#/containers/..%2F..%2Fetc/x')?.detail).toBeNull();
    expect(parseHash('#/containers?lesson=<script>')?.lessonId).toBeNull();
  });
});
