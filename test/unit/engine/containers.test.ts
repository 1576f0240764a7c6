import { describe, expect, it } from 'vitest';
import { containerState, toContainerSummary } from '../../../main/engine/containers';

describe('container states in Docker words', () => {
  it("maps Podman's own list states and leaves Docker's as they are", () => {
    expect(containerState('stopped')).toBe('exited');
    expect(containerState('stopping')).toBe('running');
    expect(containerState('configured')).toBe('created');
    for (const s of ['created', 'running', 'paused', 'restarting', 'removing', 'exited', 'dead'] as const) expect(containerState(s)).toBe(s);
  });

  it('lists a Podman container that exited before its cleanup as exited', () => {
    // A row of Podman 4.3's GET /containers/json between the exit and the cleanup.
    const row = toContainerSummary({ Id: 'a'.repeat(64), Names: ['/web'], Image: 'localhost/web:1', ImageID: 'sha256:b', Command: 'sh', Created: 1, State: 'stopped', Status: 'Exited (3) Less than a second ago' });
    expect(row).toMatchObject({ name: 'web', state: 'exited', status: 'Exited (3) Less than a second ago' });
  });
});
