/** Credential storage like the docker CLI, in a temp DOCKER_CONFIG, with a real helper script. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eraseRegistryAuth, listRegistryLogins, resolveRegistryAuth, storeRegistryAuth } from '../../../main/engine/registry-auth';

let dir: string;
const saved = { DOCKER_CONFIG: process.env.DOCKER_CONFIG, PATH: process.env.PATH };

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dockside-cfg-'));
  process.env.DOCKER_CONFIG = dir;
});
afterEach(() => {
  process.env.DOCKER_CONFIG = saved.DOCKER_CONFIG;
  process.env.PATH = saved.PATH;
  if (saved.DOCKER_CONFIG === undefined) delete process.env.DOCKER_CONFIG;
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('registry credentials', () => {
  it('without a helper stores base64(user:pass) in config.json (0600) and erases it', async () => {
    expect(await resolveRegistryAuth('localhost:5000')).toBeUndefined();
    expect(await storeRegistryAuth('localhost:5000', 'me', 's3cret')).toBe('config.json');
    const file = path.join(dir, 'config.json');
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(JSON.parse(fs.readFileSync(file, 'utf8')).auths['localhost:5000'].auth).toBe(Buffer.from('me:s3cret').toString('base64'));
    expect(await resolveRegistryAuth('localhost:5000')).toEqual({ username: 'me', password: 's3cret', serveraddress: 'localhost:5000' });
    expect(await listRegistryLogins()).toEqual([{ registry: 'localhost:5000', username: 'me', storedIn: 'config.json' }]);
    expect(await eraseRegistryAuth('localhost:5000')).toBe(true);
    expect(await resolveRegistryAuth('localhost:5000')).toBeUndefined();
  });

  it('uses Docker Hub historic key', async () => {
    await storeRegistryAuth('docker.io', 'me', 'pw');
    expect(Object.keys(JSON.parse(fs.readFileSync(path.join(dir, 'config.json'), 'utf8')).auths)).toEqual(['https://index.docker.io/v1/']);
    expect((await resolveRegistryAuth('docker.io'))?.username).toBe('me');
  });

  it('with credsStore, the secret goes to docker-credential-<helper>, never into config.json', async () => {
    const bin = path.join(dir, 'bin');
    const store = path.join(dir, 'store');
    fs.mkdirSync(bin);
    fs.mkdirSync(store);
    // A tiny file-backed helper speaking the credential-helper protocol.
    fs.writeFileSync(
      path.join(bin, 'docker-credential-fake'),
      `#!/bin/sh\nS=${store}\ncase "$1" in\n store) cat > "$S/cred.json" ;;\n get) read key; if [ -f "$S/cred.json" ]; then cat "$S/cred.json"; else echo "credentials not found in native keychain"; exit 1; fi ;;\n erase) rm -f "$S/cred.json" ;;\nesac\n`,
      { mode: 0o755 },
    );
    process.env.PATH = `${bin}:${saved.PATH}`;
    fs.writeFileSync(path.join(dir, 'config.json'), JSON.stringify({ credsStore: 'fake' }));
    expect(await storeRegistryAuth('localhost:5000', 'me', 'topsecret')).toBe('docker-credential-fake');
    expect(fs.readFileSync(path.join(dir, 'config.json'), 'utf8')).not.toContain(Buffer.from('me:topsecret').toString('base64'));
    expect(fs.readFileSync(path.join(dir, 'config.json'), 'utf8')).not.toContain('topsecret');
    expect(JSON.parse(fs.readFileSync(path.join(store, 'cred.json'), 'utf8'))).toEqual({ ServerURL: 'localhost:5000', Username: 'me', Secret: 'topsecret' });
    expect(await resolveRegistryAuth('localhost:5000')).toEqual({ username: 'me', password: 'topsecret', serveraddress: 'localhost:5000' });
    await eraseRegistryAuth('localhost:5000');
    expect(fs.existsSync(path.join(store, 'cred.json'))).toBe(false);
    expect(await resolveRegistryAuth('localhost:5000')).toBeUndefined();
  });
});
