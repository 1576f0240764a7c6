/**
 * Operating-system quirks met before the window opens.
 *
 * macOS: an app started from Finder or the Dock gets launchd's minimal PATH
 * (/usr/bin:/bin:/usr/sbin:/sbin), so `docker-credential-desktop` / `-osxkeychain` are not found
 * and private pulls and pushes silently go anonymous. Add the usual Docker and Homebrew folders.
 *
 * Linux: Ubuntu 24.04+ lets AppArmor restrict unprivileged user namespaces, which Chromium's
 * sandbox needs; without a profile (the deb installs one) or a setuid-root chrome-sandbox,
 * Electron aborts before any of our code runs. `npm start` checks this first and explains the
 * fixes. Turning the sandbox off is never one of them.
 */
import fs from 'node:fs';
import path from 'node:path';

export function macPathFolders(home: string): string[] {
  return [
    '/usr/local/bin',
    '/opt/homebrew/bin',
    '/opt/homebrew/sbin',
    '/Applications/Docker.app/Contents/Resources/bin',
    path.posix.join(home, '.docker/bin'),
    path.posix.join(home, '.rd/bin'), // Rancher Desktop
    '/opt/local/bin', // MacPorts
    '/usr/bin',
    '/bin',
    '/usr/sbin',
    '/sbin',
  ];
}

/** PATH with the usual folders appended (existing entries keep their order and priority). */
export function extendedMacPath(current: string | undefined, home: string): string {
  const parts = (current ?? '').split(':').filter(Boolean);
  for (const dir of macPathFolders(home)) if (!parts.includes(dir)) parts.push(dir);
  return parts.join(':');
}

export interface SandboxProbe {
  readFile(file: string): string | null;
  stat(file: string): { uid: number; mode: number } | null;
}

export const realProbe: SandboxProbe = {
  readFile: (f) => {
    try {
      return fs.readFileSync(f, 'utf8');
    } catch {
      return null;
    }
  },
  stat: (f) => {
    try {
      const s = fs.statSync(f);
      return { uid: s.uid, mode: s.mode };
    } catch {
      return null;
    }
  },
};

export interface UsernsRestriction {
  restricted: boolean;
  /** Which kernel switch restricts them. */
  via: string | null;
}

/** Reads the kernel switches that restrict unprivileged user namespaces. */
export function usernsRestriction(probe: SandboxProbe = realProbe): UsernsRestriction {
  const apparmor = probe.readFile('/proc/sys/kernel/apparmor_restrict_unprivileged_userns')?.trim();
  if (apparmor === '1') return { restricted: true, via: 'kernel.apparmor_restrict_unprivileged_userns=1' };
  const clone = probe.readFile('/proc/sys/kernel/unprivileged_userns_clone')?.trim();
  if (clone === '0') return { restricted: true, via: 'kernel.unprivileged_userns_clone=0' };
  return { restricted: false, via: null };
}

/** True when chrome-sandbox is owned by root with the setuid bit: Chromium can then sandbox anyway. */
export function suidSandboxReady(chromeSandbox: string, probe: SandboxProbe = realProbe): boolean {
  const s = probe.stat(chromeSandbox);
  return s !== null && s.uid === 0 && (s.mode & 0o4000) !== 0;
}

/**
 * The explanation printed (and shown in the README) when Electron would abort. Each fix keeps
 * Chromium's sandbox on.
 */
export function sandboxAdvice(electronBinary: string, restriction: UsernsRestriction): string {
  const dir = path.posix.dirname(electronBinary);
  return [
    `This system restricts unprivileged user namespaces (${restriction.via}), as Ubuntu 24.04 and later do with AppArmor.`,
    "Chromium's sandbox needs them, so Electron would abort at start. Any one of these fixes keeps the sandbox on:",
    `  1. Let this Electron binary use user namespaces with an AppArmor profile (what the Dockside deb installs):`,
    `       printf 'abi <abi/4.0>,\\ninclude <tunables/global>\\nprofile dockside-dev ${electronBinary} flags=(unconfined) {\\n  userns,\\n}\\n' | sudo tee /etc/apparmor.d/dockside-dev`,
    `       sudo apparmor_parser -r /etc/apparmor.d/dockside-dev`,
    `  2. Or make the SUID sandbox helper usable:`,
    `       sudo chown root:root ${dir}/chrome-sandbox && sudo chmod 4755 ${dir}/chrome-sandbox`,
    `  3. Or install the Dockside .deb, which ships the AppArmor profile, or use browser mode: npm run serve`,
  ].join('\n');
}

/** The advice to print before launching Electron on Linux, or null when it will start. */
export function linuxSandboxProblem(electronBinary: string, probe: SandboxProbe = realProbe): string | null {
  const r = usernsRestriction(probe);
  if (!r.restricted) return null;
  if (suidSandboxReady(path.join(path.dirname(electronBinary), 'chrome-sandbox'), probe)) return null;
  return sandboxAdvice(electronBinary, r);
}
