import { describe, expect, it } from 'vitest';
import { parseEngineEvent } from '../../../main/engine/engine-event';

// Lines as Podman 4.3's Docker-compatible /events sends them (recorded), and Docker's.
const podman = (type: string, action: string) =>
  JSON.stringify({ status: action, id: 'c1', Type: type, Action: action, Actor: { ID: 'c1', Attributes: { name: 'web' } }, time: 1795889527, timeNano: 1795889527206521744 });

describe('engine events', () => {
  it("renames Podman's actions to Docker's, once, for every consumer", () => {
    expect(parseEngineEvent(podman('container', 'remove'))).toMatchObject({ type: 'container', action: 'destroy', id: 'c1' });
    expect(parseEngineEvent(podman('volume', 'remove'))).toMatchObject({ type: 'volume', action: 'destroy' });
    expect(parseEngineEvent(podman('container', 'exec'))).toMatchObject({ action: 'exec_start: ' });
    expect(parseEngineEvent(podman('container', 'exec_died'))).toMatchObject({ action: 'exec_die' });
  });

  it("keeps Docker's actions (and Podman's shared ones) as they are", () => {
    expect(parseEngineEvent(podman('container', 'die'))).toMatchObject({ action: 'die' });
    expect(parseEngineEvent(podman('image', 'delete'))).toMatchObject({ action: 'delete' });
    expect(parseEngineEvent(JSON.stringify({ Type: 'container', Action: 'exec_start: sh -c ls', Actor: { ID: 'x' } }))).toMatchObject({ action: 'exec_start: sh -c ls' });
    expect(parseEngineEvent('not json')).toBeNull();
  });
});
