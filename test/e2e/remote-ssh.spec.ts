/**
 * The first connection to an ssh:// engine, as the learner sees it: the host's fingerprint and a
 * question; nothing is trusted (or sent) before the click; after it, the views show the engine.
 */
import fs from 'node:fs';
import { expect, test, startAppServer, stopAppServer } from './fixtures';
import { engineSocketPath } from '../support/socket-proxy';
import { SSHD, startSshd } from '../support/sshd';

const skip = !SSHD ? 'openssh-server is not installed (apt-get install openssh-server)' : process.getuid?.() !== 0 ? 'a private sshd needs root here' : null;

test('an unknown ssh host shows its fingerprint and connects only once the user trusts it', async ({ browserInstance }) => {
  test.skip(skip !== null, skip ?? '');
  const sshd = await startSshd({ engineHost: `unix://${engineSocketPath()}` });
  // The app's ~/.ssh is the temp HOME: a generated client key and an empty known_hosts.
  const server = await startAppServer({ DOCKER_HOST: `ssh://127.0.0.1:${sshd.port}`, HOME: sshd.home, SSH_AUTH_SOCK: '' });
  const context = await browserInstance.newContext({ viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  try {
    await page.goto(server.url);
    const status = page.getByTestId('engine-status');
    await expect(status).toHaveAttribute('data-state', 'unreachable', { timeout: 30_000 });
    const question = page.getByTestId('ssh-host-key');
    await expect(question).toBeVisible();
    await expect(page.getByTestId('ssh-fingerprint')).toHaveText(sshd.hostFingerprint);
    expect(fs.readFileSync(sshd.knownHosts, 'utf8')).toBe('');
    // Main waits for the answer (retrying cannot trust a key): the view says so, not "retries by itself".
    await expect(page.getByTestId('retry-note')).toContainText('does not retry this by itself');
    await expect(page.getByTestId('retry-note')).toContainText('answer the question about this host’s key');
    await page.screenshot({ path: 'test-results/remote-ssh-question-1400.png' });
    await page.setViewportSize({ width: 1024, height: 700 });
    await page.screenshot({ path: 'test-results/remote-ssh-question-1024.png' });

    await question.getByRole('button', { name: 'Trust this host and connect' }).click();
    await expect(status).toHaveAttribute('data-state', 'connected', { timeout: 30_000 });
    await expect(page.getByTestId('engine-endpoint')).toContainText(`ssh://127.0.0.1:${sshd.port}`);
    await expect(page.getByRole('heading', { name: 'Containers' })).toBeVisible();
    expect(fs.readFileSync(sshd.knownHosts, 'utf8')).toMatch(/^\|1\|.* ssh-ed25519 /);
    await page.screenshot({ path: 'test-results/remote-ssh-connected-1024.png' });
  } finally {
    await context.close();
    await stopAppServer(server);
    await sshd.stop();
  }
});
