/** What events and inspects do to a container list read before them (pure logic; a fake inspect). */
import type Docker from 'dockerode';
import { describe, expect, it } from 'vitest';
import type { ContainerSummary, EngineEvent } from '../../../main/contract';
import { confirmContainers, containersFromEvents } from '../../../main/engine/list-confirm';

const row = (id: string, state: ContainerSummary['state'] = 'running'): ContainerSummary => ({
  id,
  name: `c-${id}`,
  image: 'web',
  imageId: 'sha256:1',
  command: 'sh',
  state,
  status: state === 'running' ? 'Up 5 seconds' : 'Exited (0) 1 second ago',
  ports: [],
  created: 1,
  labels: {},
  networks: [],
  mounts: [],
});
const ev = (id: string, action: string, attributes: Record<string, string> = {}): EngineEvent => ({ type: 'container', action, id, attributes, timeNano: Date.now() * 1e6 });

describe('containersFromEvents', () => {
  it('a die makes the row exited with the exit code the event carries', () => {
    const out = containersFromEvents([row('a'), row('b')], [ev('a', 'kill'), ev('a', 'die', { exitCode: '137' })], true);
    expect(out?.map((c) => [c.id, c.state, c.status])).toEqual([
      ['a', 'exited', 'Exited (137) Less than a second ago'],
      ['b', 'running', 'Up 5 seconds'],
    ]);
  });

  it('a destroy, or a die in a running-only list, drops the row', () => {
    expect(containersFromEvents([row('a'), row('b')], [ev('a', 'die'), ev('a', 'destroy')], true)?.map((c) => c.id)).toEqual(['b']);
    expect(containersFromEvents([row('a'), row('b')], [ev('b', 'die', { exitCode: '0' })], false)?.map((c) => c.id)).toEqual(['a']);
  });

  it('changes nothing when a later event (a restart policy starting it again) follows the die, or the row already says it', () => {
    expect(containersFromEvents([row('a')], [ev('a', 'die'), ev('a', 'start')], true)).toBeNull();
    expect(containersFromEvents([row('a', 'exited')], [ev('a', 'die', { exitCode: '0' })], true)).toBeNull();
    expect(containersFromEvents([row('a')], [ev('a', 'kill')], true)).toBeNull();
    expect(containersFromEvents([row('a')], [ev('zzz', 'die')], true)).toBeNull();
  });
});

describe('confirmContainers', () => {
  it("takes Podman's inspect state \"stopped\" (dead, cleanup pending) as exited", async () => {
    const docker = { getContainer: () => ({ inspect: async () => ({ Id: 'a', State: { Status: 'stopped', ExitCode: 137, FinishedAt: new Date().toISOString() } }) }) } as unknown as Docker;
    const r = await confirmContainers(docker, [row('a')], [ev('a', 'die')], true);
    expect(r.agreed).toBe(false);
    expect(r.value[0]).toMatchObject({ state: 'exited', status: 'Exited (137) Less than a second ago' });
  });
});
