/** macOS PATH for credential helpers; Linux user-namespace restriction explained, sandbox kept. */
import { describe, expect, it } from 'vitest';
import { extendedMacPath, linuxSandboxProblem, usernsRestriction, type SandboxProbe } from '../../../main/electron/platform-env';

function probe(files: Record<string, string>, stats: Record<string, { uid: number; mode: number }> = {}): SandboxProbe {
  return { readFile: (f) => files[f] ?? null, stat: (f) => stats[f] ?? null };
}

describe('macOS PATH', () => {
  it('adds the Docker and Homebrew folders after the existing entries, without duplicates', () => {
    const p = extendedMacPath('/usr/bin:/bin:/usr/sbin:/sbin', '/Users/ada').split(':');
    expect(p.slice(0, 4)).toEqual(['/usr/bin', '/bin', '/usr/sbin', '/sbin']);
    expect(p).toEqual(expect.arrayContaining(['/usr/local/bin', '/opt/homebrew/bin', '/Applications/Docker.app/Contents/Resources/bin', '/Users/ada/.docker/bin', '/Users/ada/.rd/bin']));
    expect(new Set(p).size).toBe(p.length);
    expect(extendedMacPath(undefined, '/Users/ada').split(':')[0]).toBe('/usr/local/bin');
  });
});

describe('Linux user namespaces', () => {
  const bin = '/home/ada/dockside/node_modules/electron/dist/electron';
  it('detects the AppArmor restriction (Ubuntu 24.04) and the Debian switch', () => {
    expect(usernsRestriction(probe({ '/proc/sys/kernel/apparmor_restrict_unprivileged_userns': '1\n' }))).toEqual({ restricted: true, via: 'kernel.apparmor_restrict_unprivileged_userns=1' });
    expect(usernsRestriction(probe({ '/proc/sys/kernel/unprivileged_userns_clone': '0\n' })).restricted).toBe(true);
    expect(usernsRestriction(probe({ '/proc/sys/kernel/apparmor_restrict_unprivileged_userns': '0\n' })).restricted).toBe(false);
    expect(usernsRestriction(probe({})).restricted).toBe(false);
  });

  it('explains the fixes, each keeping the sandbox on, and never suggests --no-sandbox', () => {
    const advice = linuxSandboxProblem(bin, probe({ '/proc/sys/kernel/apparmor_restrict_unprivileged_userns': '1' }))!;
    expect(advice).toContain('apparmor_restrict_unprivileged_userns=1');
    expect(advice).toContain(`profile dockside-dev ${bin}`);
    expect(advice).toContain('chmod 4755 /home/ada/dockside/node_modules/electron/dist/chrome-sandbox');
    expect(advice).not.toMatch(/no-sandbox|disable-sandbox|ELECTRON_DISABLE_SANDBOX/i);
  });

  it('says nothing when the SUID helper is set up or nothing is restricted', () => {
    const restricted = { '/proc/sys/kernel/apparmor_restrict_unprivileged_userns': '1' };
    const helper = '/home/ada/dockside/node_modules/electron/dist/chrome-sandbox';
    expect(linuxSandboxProblem(bin, probe(restricted, { [helper]: { uid: 0, mode: 0o104755 } }))).toBeNull();
    expect(linuxSandboxProblem(bin, probe(restricted, { [helper]: { uid: 1000, mode: 0o104755 } }))).not.toBeNull();
    expect(linuxSandboxProblem(bin, probe({}))).toBeNull();
  });
});
