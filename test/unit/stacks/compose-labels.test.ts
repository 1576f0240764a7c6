import { describe, expect, it } from 'vitest';
import { composeArgs, composeCommandLine, composeEnv } from '../../../main/stacks/compose-cli';
import { groupByStack, serviceOf, splitConfigFiles, stackOf } from '../../../main/stacks/compose-labels';
import { stackCommand } from '../../../main/stacks/compose-command';

const labels = (project: string, service: string, n = '1') => ({
  'com.docker.compose.project': project,
  'com.docker.compose.project.working_dir': `/home/me/${project}`,
  'com.docker.compose.project.config_files': `/home/me/${project}/compose.yaml,/home/me/${project}/compose.override.yaml`,
  'com.docker.compose.service': service,
  'com.docker.compose.container-number': n,
});

describe('Compose labels', () => {
  it('reads the project, its folder and its files', () => {
    expect(stackOf(labels('shop', 'web'))).toEqual({
      project: 'shop',
      workingDir: '/home/me/shop',
      configFiles: ['/home/me/shop/compose.yaml', '/home/me/shop/compose.override.yaml'],
    });
    expect(stackOf({ other: 'x' })).toBeNull();
    expect(splitConfigFiles('docker-compose.yml', '/srv/app/')).toEqual(['/srv/app/docker-compose.yml']);
    expect(splitConfigFiles('C:\\app\\compose.yaml', 'C:\\app')).toEqual(['C:\\app\\compose.yaml']);
    expect(splitConfigFiles('', '/srv')).toEqual([]);
  });

  it('groups members under their project where the first one stood; plain containers stay', () => {
    const items = [
      { name: 'lone', labels: {} },
      { name: 'shop-web-1', labels: labels('shop', 'web') },
      { name: 'blog-db-1', labels: labels('blog', 'db') },
      { name: 'other', labels: {} },
      { name: 'shop-db-1', labels: labels('shop', 'db') },
    ];
    const g = groupByStack(items);
    expect(g.map((e) => (e.kind === 'stack' ? `[${e.project}: ${e.items.map((i) => i.name).join(' ')}]` : e.item.name))).toEqual([
      'lone',
      '[shop: shop-web-1 shop-db-1]',
      '[blog: blog-db-1]',
      'other',
    ]);
  });

  it('names a member by its service (and replica number past the first)', () => {
    expect(serviceOf({ name: 'shop-web-1', labels: labels('shop', 'web') })).toBe('web');
    expect(serviceOf({ name: 'shop-web-2', labels: labels('shop', 'web', '2') })).toBe('web-2');
    expect(serviceOf({ name: 'plain', labels: {} })).toBe('plain');
  });

  it('builds the compose CLI arguments from the labels, and the command a user would type', () => {
    const info = stackOf(labels('shop', 'web'))!;
    const up = composeArgs(info, 'up');
    expect(up).toEqual(['-p', 'shop', '-f', '/home/me/shop/compose.yaml', '-f', '/home/me/shop/compose.override.yaml', '--project-directory', '/home/me/shop', 'up', '-d']);
    expect(composeArgs(info, 'down').slice(-1)).toEqual(['down']);
    expect(composeCommandLine({ name: 'docker compose' }, up)).toBe(
      'docker compose -p shop -f /home/me/shop/compose.yaml -f /home/me/shop/compose.override.yaml --project-directory /home/me/shop up -d',
    );
    expect(composeCommandLine({ name: 'docker-compose' }, ['-p', 'my app', 'down'])).toBe("docker-compose -p 'my app' down");
    expect(stackCommand('shop', 'stop')).toBe('docker compose -p shop stop');
    expect(stackCommand('shop', 'remove')).toBe('docker compose -p shop rm --stop --force');
  });

  it('points the compose CLI at the engine Dockside uses', () => {
    expect(composeEnv({ url: 'unix:///var/run/docker.sock', source: 'default', kind: 'unix', socketPath: '/var/run/docker.sock' })).toEqual({ DOCKER_HOST: 'unix:///var/run/docker.sock' });
    expect(
      composeEnv({ url: 'tcp://10.0.0.2:2376', source: 'DOCKER_HOST', kind: 'tcp', tls: { caPath: '/certs/ca.pem', certPath: '/certs/cert.pem', keyPath: '/certs/key.pem', verify: true, from: 'DOCKER_CERT_PATH' } }),
    ).toEqual({ DOCKER_HOST: 'tcp://10.0.0.2:2376', DOCKER_CERT_PATH: '/certs', DOCKER_TLS_VERIFY: '1' });
    expect(composeEnv(null)).toEqual({});
  });
});
