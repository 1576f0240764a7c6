import { describe, expect, it } from 'vitest';
import { commandTarget, parseLogs, sinceToUnix } from '../../../main/lessons/command-target';

describe('commandTarget maps lesson commands to views', () => {
  it('docker run opens the run dialog prefilled with the command', () => {
    expect(commandTarget('docker run -d -p 8080:80 nginx')).toMatchObject({ view: 'containers', params: { runCommand: 'docker run -d -p 8080:80 nginx' } });
    expect(commandTarget('docker container run nginx')?.params).toEqual({ runCommand: 'docker container run nginx' });
  });
  it('logs, top and exec select the container and its tab', () => {
    expect(commandTarget('docker top web')?.params).toEqual({ select: 'web', tab: 'top' });
    expect(commandTarget('docker exec -it -u root web sh')?.params).toEqual({ select: 'web', tab: 'shell' });
    expect(commandTarget('docker logs -f broken')?.params).toEqual({ select: 'broken', tab: 'logs', logs: { follow: true, timestamps: false } });
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

describe('docker logs flags reach the Logs tab', () => {
  it('reads -f, -t, --tail/-n and --since in every spelling', () => {
    expect(commandTarget('docker logs web')?.params).toEqual({ select: 'web', tab: 'logs', logs: { follow: false, timestamps: false } });
    expect(parseLogs(['-f', '--tail', '20', '-t', 'web'])).toEqual({ follow: true, timestamps: true, tail: '20' });
    expect(parseLogs(['--tail=5', '--since=10m', 'web'])).toEqual({ follow: false, timestamps: false, tail: '5', since: '10m' });
    expect(parseLogs(['-ft', '-n', 'all', '--since', '2024-01-02T03:04:05Z', 'web'])).toEqual({ follow: true, timestamps: true, tail: 'all', since: '2024-01-02T03:04:05Z' });
    expect(parseLogs(['-n3', 'web'])).toMatchObject({ tail: '3' });
    expect(commandTarget('docker logs --tail 50 -f web')?.params).toMatchObject({ select: 'web', logs: { tail: '50', follow: true } });
  });
  it('turns --since into Unix seconds as the CLI does', () => {
    const now = Date.UTC(2024, 0, 2, 12, 0, 0);
    expect(sinceToUnix('10m', now)).toBe(now / 1000 - 600);
    expect(sinceToUnix('1h30m', now)).toBe(now / 1000 - 5400);
    expect(sinceToUnix('1.5h', now)).toBe(now / 1000 - 5400);
    expect(sinceToUnix('1700000000', now)).toBe(1700000000);
    expect(sinceToUnix('2024-01-02T11:00:00Z', now)).toBe(now / 1000 - 3600);
    expect(sinceToUnix('yesterday', now)).toBeNull();
  });
});

describe('network and volume commands open their view with the form filled or the target selected', () => {
  it('network create fills the form with every flag it has', () => {
    expect(commandTarget('docker network create --driver bridge --subnet 10.55.0.0/24 --internal --label a=b appnet')?.params).toEqual({
      create: { name: 'appnet', driver: 'bridge', subnet: '10.55.0.0/24', internal: true, labels: ['a=b'] },
    });
    expect(commandTarget('docker network create caddytest')?.params).toEqual({ create: { name: 'caddytest', internal: false, labels: [] } });
    expect(commandTarget('docker network create --subnet=10.9.0.0/16 x')?.params).toMatchObject({ create: { name: 'x', subnet: '10.9.0.0/16' } });
  });
  it('network connect, rm and inspect select the network with the action', () => {
    expect(commandTarget('docker network connect --alias api appnet web')?.params).toEqual({ select: 'appnet', connect: 'web', alias: 'api' });
    expect(commandTarget('docker network rm appnet')?.params).toEqual({ select: 'appnet', remove: true });
    expect(commandTarget('docker network inspect appnet')?.params).toEqual({ select: 'appnet' });
    expect(commandTarget('docker network ls')?.params).toEqual({});
  });
  it('volume create fills the form; rm selects and offers removal (which still asks)', () => {
    expect(commandTarget('docker volume create --label team=a notes')?.params).toEqual({ create: { name: 'notes', labels: ['team=a'] } });
    expect(commandTarget('docker volume create')?.params).toEqual({ create: { name: '', labels: [] } });
    expect(commandTarget('docker volume rm notes')?.params).toEqual({ select: 'notes', remove: true });
    expect(commandTarget('docker volume inspect notes')?.params).toEqual({ select: 'notes' });
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
