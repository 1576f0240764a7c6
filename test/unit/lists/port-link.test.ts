import { describe, expect, it } from 'vitest';
import { isSafeExternalUrl } from '../../../main/electron/window-options';
import { engineHostName, portUrl } from '../../../renderer/src/views/lists/port-link';

describe('published port links', () => {
  it('links a TCP port on a local engine to this machine', () => {
    expect(portUrl({ hostIp: '0.0.0.0', hostPort: 8080, containerPort: 80, protocol: 'tcp' }, 'unix:///var/run/docker.sock')).toBe('http://localhost:8080/');
    expect(portUrl({ hostIp: '127.0.0.1', hostPort: 32768, containerPort: 80, protocol: 'tcp' }, 'unix:///var/run/docker.sock')).toBe('http://127.0.0.1:32768/');
    expect(portUrl({ hostIp: '::', hostPort: 8080, containerPort: 80, protocol: 'tcp' }, null)).toBe('http://localhost:8080/');
    expect(portUrl({ hostIp: '::1', hostPort: 81, containerPort: 80, protocol: 'tcp' }, null)).toBe('http://[::1]:81/');
  });

  it('links to the remote host for tcp:// and ssh:// engines, and not to its loopback', () => {
    expect(engineHostName('tcp://10.0.0.2:2376')).toBe('10.0.0.2');
    expect(engineHostName('ssh://me@build-box')).toBe('build-box');
    expect(engineHostName('npipe:////./pipe/docker_engine')).toBe('localhost');
    expect(portUrl({ hostIp: '0.0.0.0', hostPort: 8080, containerPort: 80, protocol: 'tcp' }, 'tcp://10.0.0.2:2376')).toBe('http://10.0.0.2:8080/');
    expect(portUrl({ hostIp: '127.0.0.1', hostPort: 8080, containerPort: 80, protocol: 'tcp' }, 'ssh://me@box')).toBeNull();
    expect(portUrl({ hostIp: '192.168.1.5', hostPort: 8080, containerPort: 80, protocol: 'tcp' }, 'tcp://10.0.0.2:2376')).toBe('http://192.168.1.5:8080/');
  });

  it('gives no link for UDP or unpublished ports', () => {
    expect(portUrl({ hostPort: 53, containerPort: 53, protocol: 'udp' }, null)).toBeNull();
    expect(portUrl({ containerPort: 80, protocol: 'tcp' }, null)).toBeNull();
  });

  it('every link it makes passes the desktop app\'s external-link rule', () => {
    const url = portUrl({ hostIp: '0.0.0.0', hostPort: 8080, containerPort: 80, protocol: 'tcp' }, null)!;
    expect(isSafeExternalUrl(url)).toBe(true);
  });
});
