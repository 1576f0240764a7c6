import { describe, expect, it } from 'vitest';
import {
  emptyRunSpec,
  imageReferenceProblem,
  parseDockerRun,
  parseMemory,
  runCommand,
  toCreateOptions,
  validateRunSpec,
  withDefaultTag,
  splitReference,
  joinReference,
} from '../../../main/workflows/run-spec';

describe('parseMemory', () => {
  it('reads docker sizes in binary units', () => {
    expect(parseMemory('64m')).toBe(64 * 1024 * 1024);
    expect(parseMemory('64MB')).toBe(64 * 1024 * 1024);
    expect(parseMemory('64MiB')).toBe(64 * 1024 * 1024);
    expect(parseMemory('1g')).toBe(1024 ** 3);
    expect(parseMemory('512k')).toBe(512 * 1024);
    expect(parseMemory('1024b')).toBe(1024);
    expect(parseMemory('1024')).toBe(1024);
    expect(parseMemory('1.5g')).toBe(1.5 * 1024 ** 3);
    expect(parseMemory('lots')).toBeNull();
    expect(parseMemory('64x')).toBeNull();
  });
});

describe('image references', () => {
  it('accepts names, tags, registries with ports, digests and ids', () => {
    for (const ok of ['nginx', 'nginx:1.27', 'library/nginx:latest', '127.0.0.1:5000/team/app:v1', 'localhost:5000/a', 'ghcr.io/o/p@sha256:' + 'a'.repeat(64), 'sha256:' + 'b'.repeat(64), 'dockside-test/web:latest']) {
      expect(imageReferenceProblem(ok), ok).toBeNull();
    }
  });
  it('names what is wrong', () => {
    expect(imageReferenceProblem('Nginx')).toMatch(/lowercase/);
    expect(imageReferenceProblem('nginx:')).toMatch(/not a valid reference/);
    expect(imageReferenceProblem('a b')).toMatch(/spaces/);
    expect(imageReferenceProblem('')).toMatch(/enter an image/);
  });
  it('splits and joins repository and tag', () => {
    expect(splitReference('127.0.0.1:5000/team/app:1.2')).toEqual({ repo: '127.0.0.1:5000/team/app', tag: '1.2' });
    expect(splitReference('127.0.0.1:5000/team/app')).toEqual({ repo: '127.0.0.1:5000/team/app', tag: '' });
    expect(splitReference('nginx')).toEqual({ repo: 'nginx', tag: '' });
    expect(joinReference('nginx', '1.27')).toBe('nginx:1.27');
    expect(joinReference('nginx', '')).toBe('nginx');
  });
  it('adds latest only when there is no tag', () => {
    expect(withDefaultTag('nginx')).toBe('nginx:latest');
    expect(withDefaultTag('127.0.0.1:5000/x')).toBe('127.0.0.1:5000/x:latest');
    expect(withDefaultTag('127.0.0.1:5000/x:1')).toBe('127.0.0.1:5000/x:1');
  });
});

describe('parseDockerRun', () => {
  it('fills the spec from the issue example', () => {
    const { spec, errors } = parseDockerRun('docker run -d -p 8080:80 --name web --memory 64m --cpus 0.5 IMAGE');
    expect(errors).toEqual([]);
    expect(spec).toMatchObject({ detach: true, name: 'web', memory: '64m', cpus: '0.5', image: 'IMAGE', command: '' });
    expect(spec.ports).toEqual([{ hostIp: '', hostPort: '8080', containerPort: '80', protocol: 'tcp' }]);
  });
  it('handles quoting, --flag=value, clusters, attached short values and the command', () => {
    const { spec, errors } = parseDockerRun(
      `docker container run -dit --rm=false -p127.0.0.1:5353:53/udp -p 80 -e "GREETING=hello world" --env=A=1 -v data:/data -v /srv:/srv:ro -v /anon --network=none -m 1g --restart on-failure:3 -l team=x img:1 sh -c 'echo "hi there"'`,
    );
    expect(errors).toEqual([]);
    expect(spec.detach && spec.interactive && spec.tty).toBe(true);
    expect(spec.rm).toBe(false);
    expect(spec.ports).toEqual([
      { hostIp: '127.0.0.1', hostPort: '5353', containerPort: '53', protocol: 'udp' },
      { hostIp: '', hostPort: '', containerPort: '80', protocol: 'tcp' },
    ]);
    expect(spec.env).toEqual(['GREETING=hello world', 'A=1']);
    expect(spec.volumes).toEqual([
      { source: 'data', target: '/data', readOnly: false },
      { source: '/srv', target: '/srv', readOnly: true },
      { source: '', target: '/anon', readOnly: false },
    ]);
    expect(spec).toMatchObject({ network: 'none', memory: '1g', restart: 'on-failure:3', labels: ['team=x'], image: 'img:1' });
    expect(toCreateOptions(spec).Cmd).toEqual(['sh', '-c', 'echo "hi there"']);
  });
  it('names unknown flags instead of dropping them', () => {
    const { spec, errors } = parseDockerRun('docker run --privileged -w /tmp -d nginx');
    expect(errors.join('\n')).toMatch(/--privileged/);
    expect(errors.join('\n')).toMatch(/-w/);
    expect(spec.image).toBe('nginx');
  });
  it('refuses what is not docker run', () => {
    expect(parseDockerRun('docker ps').errors[0]).toMatch(/docker run/);
    expect(parseDockerRun('docker run -d').errors[0]).toMatch(/No image/);
    expect(parseDockerRun('docker run -d nginx | grep x').errors[0]).toMatch(/shell syntax/);
  });
  it('round-trips through the generated command', () => {
    const text = `docker run -d --rm --name web -p 8080:80 -e 'A=b c' -v data:/data --network net1 --memory 64m --cpus 0.5 --label dockside.test=x img:1 sh -c 'echo $HOME'`;
    const first = parseDockerRun(text);
    expect(first.errors).toEqual([]);
    const again = parseDockerRun(runCommand(first.spec));
    expect(again.errors).toEqual([]);
    expect(again.spec).toEqual(first.spec);
    expect(toCreateOptions(first.spec).Cmd).toEqual(['sh', '-c', 'echo $HOME']);
  });
});

describe('validateRunSpec', () => {
  const base = () => ({ ...emptyRunSpec(), image: 'nginx' });
  it('passes a plain spec', () => expect(validateRunSpec(base(), 2)).toEqual([]));
  it('names each bad field', () => {
    const spec = {
      ...base(),
      image: 'Bad Image',
      ports: [
        { hostIp: '', hostPort: '70000', containerPort: '80', protocol: 'tcp' as const },
        { hostIp: '', hostPort: '8080', containerPort: '80', protocol: 'tcp' as const },
        { hostIp: '', hostPort: '8080', containerPort: '81', protocol: 'tcp' as const },
        { hostIp: '', hostPort: '8080', containerPort: '53', protocol: 'udp' as const },
      ],
      memory: '4m',
      cpus: '3',
      env: ['NOVALUE'],
      volumes: [{ source: 'data', target: 'relative', readOnly: false }],
    };
    const issues = validateRunSpec(spec, 2);
    const fields = issues.map((i) => i.field).sort();
    expect(fields).toEqual(['cpus', 'env.0', 'image', 'memory', 'ports.0.hostPort', 'ports.2.hostPort', 'volumes.0.target'].sort());
    expect(issues.find((i) => i.field === 'memory')!.message).toMatch(/6 MiB/);
    expect(issues.find((i) => i.field === 'ports.2.hostPort')!.message).toMatch(/8080/);
  });
  it('accepts 6m exactly and refuses --rm with a restart policy', () => {
    expect(validateRunSpec({ ...base(), memory: '6m' })).toEqual([]);
    expect(validateRunSpec({ ...base(), rm: true, restart: 'always' })[0]!.field).toBe('restart');
  });
});

describe('toCreateOptions', () => {
  it('builds what the CLI sends', () => {
    const { spec } = parseDockerRun('docker run -d -p 8080:80 --name web --memory 64m --cpus 0.5 -v v1:/data img');
    const o = toCreateOptions(spec);
    expect(o.name).toBe('web');
    expect(o.ExposedPorts).toEqual({ '80/tcp': {} });
    expect(o.HostConfig).toMatchObject({
      PortBindings: { '80/tcp': [{ HostIp: '', HostPort: '8080' }] },
      Memory: 64 * 1024 * 1024,
      NanoCpus: 500_000_000,
      Binds: ['v1:/data'],
      NetworkMode: 'default',
    });
  });
});
