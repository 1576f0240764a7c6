import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { contextDirName, contextEndpoint, defaultEndpointUrl, EndpointError, listContexts, parseHostUrl, resolveEndpoint, type EndpointEnv } from '../../../main/engine/endpoint';

function env(over: Partial<EndpointEnv> & { files?: Record<string, string> } = {}): EndpointEnv {
  const files = over.files ?? {};
  return {
    env: over.env ?? {},
    platform: over.platform ?? 'linux',
    homedir: over.homedir ?? '/home/learner',
    readFile: (f) => files[f],
    exists: over.exists ?? ((f) => f in files),
  };
}

function contextFiles(name: string, host: string, configDir = '/home/learner/.docker', extra: object = {}): Record<string, string> {
  return {
    [path.join(configDir, 'contexts/meta', contextDirName(name), 'meta.json')]: JSON.stringify({
      Name: name,
      Metadata: {},
      Endpoints: { docker: { Host: host, SkipTLSVerify: false, ...extra } },
    }),
  };
}

describe('resolveEndpoint: order of precedence like the docker CLI', () => {
  it('uses the platform default when nothing is configured', () => {
    expect(resolveEndpoint(env())).toMatchObject({ kind: 'unix', socketPath: '/var/run/docker.sock', source: 'default' });
    expect(resolveEndpoint(env({ platform: 'win32' }))).toMatchObject({ kind: 'npipe', socketPath: '//./pipe/docker_engine' });
  });

  it('prefers the per-user Docker Desktop socket on macOS when the system one is absent', () => {
    const e = env({ platform: 'darwin', exists: (f) => f === '/Users/me/.docker/run/docker.sock', homedir: '/Users/me' });
    expect(defaultEndpointUrl(e)).toBe('unix:///Users/me/.docker/run/docker.sock');
    const both = env({ platform: 'darwin', exists: () => true, homedir: '/Users/me' });
    expect(defaultEndpointUrl(both)).toBe('unix:///var/run/docker.sock');
  });

  it('DOCKER_HOST beats DOCKER_CONTEXT and the config file', () => {
    const e = env({
      env: { DOCKER_HOST: 'unix:///tmp/x.sock', DOCKER_CONTEXT: 'remote' },
      files: { '/home/learner/.docker/config.json': '{"currentContext":"other"}', ...contextFiles('remote', 'tcp://10.0.0.9:2375') },
    });
    expect(resolveEndpoint(e)).toMatchObject({ socketPath: '/tmp/x.sock', source: 'DOCKER_HOST' });
  });

  it('DOCKER_CONTEXT beats the config file', () => {
    const e = env({
      env: { DOCKER_CONTEXT: 'remote' },
      files: { '/home/learner/.docker/config.json': '{"currentContext":"other"}', ...contextFiles('remote', 'tcp://10.0.0.9:2375') },
    });
    expect(resolveEndpoint(e)).toMatchObject({ kind: 'tcp', host: '10.0.0.9', port: 2375, protocol: 'http', source: 'DOCKER_CONTEXT', context: 'remote' });
  });

  it('reads currentContext from config.json and the endpoint from its meta.json', () => {
    const e = env({
      files: { '/home/learner/.docker/config.json': '{"currentContext":"colima"}', ...contextFiles('colima', 'unix:///home/learner/.colima/default/docker.sock') },
    });
    expect(resolveEndpoint(e)).toMatchObject({ socketPath: '/home/learner/.colima/default/docker.sock', source: 'config-context', context: 'colima' });
  });

  it('honours DOCKER_CONFIG for the config folder', () => {
    const e = env({
      env: { DOCKER_CONFIG: '/etc/dc' },
      files: { '/etc/dc/config.json': '{"currentContext":"x"}', ...contextFiles('x', 'unix:///run/x.sock', '/etc/dc') },
    });
    expect(resolveEndpoint(e)).toMatchObject({ socketPath: '/run/x.sock', context: 'x' });
  });

  it('treats the "default" context as the platform default', () => {
    const e = env({ files: { '/home/learner/.docker/config.json': '{"currentContext":"default"}' } });
    expect(resolveEndpoint(e)).toMatchObject({ socketPath: '/var/run/docker.sock', source: 'default' });
  });

  it('uses a context TLS folder when the context has certificates', () => {
    const dir = contextDirName('secure');
    const tls = `/home/learner/.docker/contexts/tls/${dir}/docker`;
    const e = env({ env: { DOCKER_CONTEXT: 'secure' }, files: { ...contextFiles('secure', 'tcp://h:2376'), [`${tls}/ca.pem`]: 'x' } });
    // Like the CLI: a context with TLS data verifies the server unless it says skip-tls-verify,
    // whatever DOCKER_TLS_VERIFY says.
    expect(resolveEndpoint(e)).toMatchObject({ protocol: 'https', tls: { caPath: `${tls}/ca.pem`, verify: true, from: expect.stringContaining('context "secure"') } });
  });
});

describe('parseHostUrl: every DOCKER_HOST form', () => {
  const e = env();
  it('unix, npipe, tcp, tcp with TLS, ssh', () => {
    expect(parseHostUrl('unix:///var/run/docker.sock', 'DOCKER_HOST', e)).toMatchObject({ kind: 'unix', socketPath: '/var/run/docker.sock' });
    expect(parseHostUrl('npipe:////./pipe/docker_engine', 'DOCKER_HOST', e)).toMatchObject({ kind: 'npipe', socketPath: '//./pipe/docker_engine' });
    expect(parseHostUrl('tcp://192.168.1.5:2375', 'DOCKER_HOST', e)).toMatchObject({ kind: 'tcp', host: '192.168.1.5', port: 2375, protocol: 'http' });
    expect(parseHostUrl('tcp://docker.local', 'DOCKER_HOST', e)).toMatchObject({ port: 2375 });
    const tls = parseHostUrl('tcp://docker.local', 'DOCKER_HOST', env({ env: { DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: '/certs' } }));
    expect(tls).toMatchObject({ protocol: 'https', port: 2376, tls: { caPath: '/certs/ca.pem', certPath: '/certs/cert.pem', keyPath: '/certs/key.pem', verify: true } });
    expect(parseHostUrl('ssh://me@build-box:2222', 'DOCKER_HOST', e)).toMatchObject({ kind: 'ssh', host: 'build-box', port: 2222, username: 'me' });
    expect(parseHostUrl('tcp://[::1]:2375', 'DOCKER_HOST', e)).toMatchObject({ host: '::1', port: 2375 });
  });

  const bad: [string, RegExp][] = [
    ['localhost:2375', /DOCKER_HOST "localhost:2375" .*no scheme/],
    ['ftp://host', /unsupported scheme "ftp:\/\/"/],
    ['unix://relative.sock', /absolute socket path/],
    ['tcp://host:99999', /port 99999, outside 1-65535/],
    ['tcp://', /no valid host name/],
    ['npipe://nothing', /not a named pipe/],
  ];
  it.each(bad)('rejects %s with a message naming the variable and value', (value, message) => {
    expect(() => resolveEndpoint(env({ env: { DOCKER_HOST: value } }))).toThrow(message);
    try {
      resolveEndpoint(env({ env: { DOCKER_HOST: value } }));
    } catch (err) {
      expect(err).toBeInstanceOf(EndpointError);
      expect((err as EndpointError).reason).toBe('bad-docker-host');
      expect((err as EndpointError).hint).toMatch(/unix:\/\//);
    }
  });
});

describe('resolveEndpoint: broken configuration gets its own message', () => {
  it('a context that does not exist', () => {
    expect(() => resolveEndpoint(env({ env: { DOCKER_CONTEXT: 'ghost' } }))).toThrow(/docker context "ghost" \(from DOCKER_CONTEXT\) does not exist/);
    const fromFile = env({ files: { '/home/learner/.docker/config.json': '{"currentContext":"gone"}' } });
    expect(() => resolveEndpoint(fromFile)).toThrow(/"gone" \(from currentContext in \/home\/learner\/.docker\/config.json\) does not exist/);
  });
  it('a config.json that is not JSON', () => {
    expect(() => resolveEndpoint(env({ files: { '/home/learner/.docker/config.json': '{oops' } }))).toThrow(/config.json is not valid JSON/);
  });
  it('a context without a docker endpoint', () => {
    const dir = contextDirName('empty');
    const e = env({ env: { DOCKER_CONTEXT: 'empty' }, files: { [`/home/learner/.docker/contexts/meta/${dir}/meta.json`]: '{"Name":"empty","Endpoints":{}}' } });
    expect(() => resolveEndpoint(e)).toThrow(/has no docker endpoint host/);
  });
  it('a context whose host is malformed names the context', () => {
    const e = env({ env: { DOCKER_CONTEXT: 'odd' }, files: contextFiles('odd', 'gopher://x') });
    expect(() => resolveEndpoint(e)).toThrow(/Context "odd" host "gopher:\/\/x"/);
  });
});

describe('contexts and TLS settings', () => {
  it('a skip-tls-verify context uses TLS without verifying, even with no TLS files', () => {
    const e = env({ env: { DOCKER_CONTEXT: 'lax' }, files: contextFiles('lax', 'tcp://h:2376', undefined, { SkipTLSVerify: true }) });
    expect(resolveEndpoint(e)).toMatchObject({ protocol: 'https', context: 'lax', tls: { verify: false } });
  });

  it('a context ignores DOCKER_TLS_VERIFY and DOCKER_CERT_PATH', () => {
    const e = env({ env: { DOCKER_CONTEXT: 'plain', DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: '/certs' }, files: contextFiles('plain', 'tcp://h:2375') });
    const ep = resolveEndpoint(e);
    expect(ep).toMatchObject({ protocol: 'http', port: 2375 });
    expect(ep.tls).toBeUndefined();
  });

  it('DOCKER_HOST with TLS names DOCKER_CERT_PATH as the source of its files', () => {
    const ep = resolveEndpoint(env({ env: { DOCKER_HOST: 'tcp://h:2376', DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: '/certs' } }));
    expect(ep.tls).toMatchObject({ from: 'DOCKER_CERT_PATH', verify: true });
    const noPath = resolveEndpoint(env({ env: { DOCKER_HOST: 'tcp://h:2376', DOCKER_TLS_VERIFY: '1' } }));
    expect(noPath.tls).toMatchObject({ caPath: '/home/learner/.docker/ca.pem', from: expect.stringContaining('DOCKER_CERT_PATH (not set') });
  });

  it('lists every context like docker context ls: default first, then by name', () => {
    const root = '/home/learner/.docker/contexts/meta';
    const files = { ...contextFiles('zeta', 'tcp://z:2375'), ...contextFiles('alpha', 'unix:///a.sock') };
    const e = { ...env({ env: { DOCKER_HOST: 'unix:///custom.sock' }, files }), listDir: (d: string) => (d === root ? [contextDirName('zeta'), contextDirName('alpha'), 'junk'] : []) };
    const list = listContexts(e);
    expect(list.map((c) => c.name)).toEqual(['default', 'alpha', 'zeta']);
    // "default" is DOCKER_HOST when set, as in the CLI.
    expect(list[0]!.endpoint).toMatchObject({ url: 'unix:///custom.sock', context: 'default' });
    expect(list[2]!.endpoint).toMatchObject({ host: 'z', port: 2375, context: 'zeta' });
    expect(contextEndpoint('alpha', e, 'switcher')).toMatchObject({ socketPath: '/a.sock', source: 'switcher' });
  });
});
