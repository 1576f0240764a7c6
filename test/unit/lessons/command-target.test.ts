import { describe, expect, it } from 'vitest';
import { commandTarget } from '../../../main/lessons/command-target';

describe('commandTarget maps lesson commands to views', () => {
  it('docker run opens the run dialog prefilled with the command', () => {
    expect(commandTarget('docker run -d -p 8080:80 nginx')).toMatchObject({ view: 'containers', params: { runCommand: 'docker run -d -p 8080:80 nginx' } });
    expect(commandTarget('docker container run nginx')?.params).toEqual({ runCommand: 'docker container run nginx' });
  });
  it('logs, top and exec select the container and its tab', () => {
    expect(commandTarget('docker top web')?.params).toEqual({ select: 'web', tab: 'top' });
    expect(commandTarget('docker exec -it -u root web sh')?.params).toEqual({ select: 'web', tab: 'shell' });
    expect(commandTarget('docker logs -f broken')?.params).toEqual({ select: 'broken', tab: 'logs', logs: { follow: true } });
    expect(commandTarget('docker logs [OPTIONS] CONTAINER')?.params).toEqual({ tab: 'logs' });
  });
  it('network, volume, stats, build and image commands open their views', () => {
    expect(commandTarget('docker network create caddytest')?.view).toBe('networks');
    expect(commandTarget('docker volume create notes')?.view).toBe('volumes');
    expect(commandTarget('docker stats small slow')?.view).toBe('stats');
    expect(commandTarget('docker build . -t helloworld:latest')?.view).toBe('build');
    expect(commandTarget('docker service update --image helloworld:1.1.0 web')?.view).toBe('cluster');
    expect(commandTarget('docker swarm init --advertise-addr 127.0.0.1')?.view).toBe('cluster');
    expect(commandTarget('docker image rm x')?.view).toBe('images');
  });
  it('uses the first line of a multi-line block and ignores non-docker text', () => {
    expect(commandTarget('docker network ls\ndocker network inspect x')?.view).toBe('networks');
    expect(commandTarget('localhost:80')).toBeNull();
    expect(commandTarget('docker version')).toBeNull();
  });
});

describe('every docker command in the course', () => {
  it('opens somewhere in Dockside, except the few with no matching view', async () => {
    const path = await import('node:path');
    const { loadLessons } = await import('../../../main/lessons/load');
    const lessons = loadLessons(path.resolve(__dirname, '../../../lessons'));
    const lines = lessons.flatMap((l) =>
      [...l.body.matchAll(/```[^\n]*\n([\s\S]*?)```/g)].flatMap((m) => m[1]!.split('\n').filter((x) => x.trim().startsWith('docker ')).map((x) => ({ file: l.file, line: x.trim() }))),
    );
    expect(lines.length).toBeGreaterThan(40);
    const unmapped = lines.filter((x) => !commandTarget(x.line)).map((x) => x.line.split(' ').slice(0, 2).join(' '));
    // version and events have no view of their own; they stay copy-only.
    expect([...new Set(unmapped)].sort()).toEqual(['docker events', 'docker version']);
    const runs = lines.filter((x) => x.line.startsWith('docker run'));
    for (const r of runs) expect(commandTarget(r.line)?.params, r.file).toEqual({ runCommand: r.line });
  });
});
