import { describe, expect, it } from 'vitest';
import { attemptedCommand } from '../../../renderer/src/components/notifications/attempted-command';
import { killContainer, removeContainer, stopContainer } from '../../../main/engine/containers';

describe('the docker command a failed action tried', () => {
  it('matches what main shows when the same action works', async () => {
    // Main's own builders, run against a stand-in container object, give the success wording.
    const fake = { getContainer: () => ({ stop: async () => undefined, kill: async () => undefined, remove: async () => undefined }) };
    const docker = fake as unknown as Parameters<typeof stopContainer>[0];
    expect(attemptedCommand('containers:stop', { id: 'web', timeoutSeconds: 2 })).toBe((await stopContainer(docker, 'web', 2)).command);
    expect(attemptedCommand('containers:kill', { id: 'web', signal: 'SIGKILL' })).toBe((await killContainer(docker, 'web', 'SIGKILL')).command);
    expect(attemptedCommand('containers:kill', { id: 'web', signal: 'SIGTERM' })).toBe((await killContainer(docker, 'web', 'SIGTERM')).command);
    expect(attemptedCommand('containers:remove', { id: 'web', force: true, removeVolumes: false })).toBe((await removeContainer(docker, 'web', true, false)).command);
  });

  it('quotes names and leaves calls it does not know without a command', () => {
    expect(attemptedCommand('volumes:remove', { name: 'my data' })).toBe("docker volume rm 'my data'");
    expect(attemptedCommand('images:remove', { id: 'nope:1', force: false })).toBe('docker rmi nope:1');
    expect(attemptedCommand('containers:list', { all: true })).toBeUndefined();
    expect(attemptedCommand('containers:stop', null)).toBeUndefined();
  });
});
