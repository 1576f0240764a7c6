import { describe, expect, it } from 'vitest';
import { describeConnectError, engineName, toEngineInfo } from '../../../main/engine/engine-manager';

describe('describeConnectError: each failure gets words a learner can act on', () => {
  const ep = { url: 'unix:///var/run/docker.sock', socketPath: '/var/run/docker.sock' };
  it('missing socket', () => {
    const d = describeConnectError({ code: 'ENOENT' }, ep, 'linux');
    expect(d).toMatchObject({ reason: 'no-socket', message: 'No engine socket at /var/run/docker.sock.' });
    expect(d.hint).toMatch(/systemctl start docker/);
    expect(describeConnectError({ code: 'ENOENT' }, ep, 'darwin').hint).toMatch(/Start Docker Desktop/);
  });
  it('permission denied', () => {
    const d = describeConnectError({ code: 'EACCES' }, ep, 'linux');
    expect(d).toMatchObject({ reason: 'permission', message: 'Permission denied on /var/run/docker.sock.' });
    expect(d.hint).toMatch(/usermod -aG docker/);
  });
  it('refused and timeout', () => {
    expect(describeConnectError({ code: 'ECONNREFUSED' }, { url: 'tcp://h:2375' }).reason).toBe('refused');
    expect(describeConnectError({ code: 'ETIMEDOUT' }, { url: 'tcp://h:2375' }).message).toMatch(/did not answer in time/);
  });
});

describe('engineName', () => {
  it('tells the engines apart from info and version', () => {
    expect(engineName({ OperatingSystem: 'Docker Desktop' }, {})).toBe('Docker Desktop');
    expect(engineName({}, { Components: [{ Name: 'Podman Engine' }] })).toBe('Podman');
    expect(engineName({ Name: 'colima' }, {})).toBe('Colima');
    expect(engineName({ OperatingSystem: 'Debian GNU/Linux 12' }, { Platform: { Name: '' } })).toBe('Docker Engine');
  });
  it('toEngineInfo fills every field even from a sparse answer', () => {
    const info = toEngineInfo({ NCPU: 2, MemTotal: 1024, ContainersRunning: 1 }, { Version: '27.0.1', ApiVersion: '1.46' });
    expect(info).toMatchObject({ cpus: 2, memoryBytes: 1024, version: '27.0.1', apiVersion: '1.46', containers: { running: 1, paused: 0, stopped: 0 } });
  });
});
