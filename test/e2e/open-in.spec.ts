/**
 * "Open in Dockside" does the lesson's command: network and volume commands open their view
 * with the form filled (nothing created until the learner confirms), and a command about a
 * target the engine does not have says so where the learner looks; a `docker logs` line opens
 * the Logs tab with exactly its flags (--tail, -t, -f).
 */
import { execFileSync } from 'node:child_process';
import { runContainer, testDocker, waitFor } from '../support/engine';
import { WEB_IMAGE } from '../support/fixtures';
import { expect, test } from './fixtures';

const docker = testDocker();

async function exists(get: () => Promise<unknown>): Promise<boolean> {
  return get().then(
    () => true,
    () => false,
  );
}

test('network and volume commands open their view pre-filled; an unknown network says so', async ({ app }) => {
  const pane = app.getByRole('complementary', { name: 'Lesson' });
  await app.getByRole('button', { name: 'Lessons', exact: true }).click();
  await app.getByRole('button', { name: 'Open lesson Custom bridge networks' }).click();
  await pane.getByRole('button', { name: 'Open in Dockside: docker network create caddytest' }).click();
  await expect(app.getByRole('main')).toHaveAttribute('aria-label', 'Networks');
  const form = app.getByRole('form', { name: 'Create a network' });
  await expect(form.getByRole('textbox', { name: /^Name/ })).toHaveValue('caddytest');
  await expect(form.getByRole('textbox', { name: /^Name/ })).toBeFocused();
  // Nothing is created until the learner presses Create.
  const had = await exists(() => docker.getNetwork('caddytest').inspect());

  await pane.getByRole('button', { name: 'Open in Dockside: docker network inspect caddytest' }).click();
  if (had) {
    // A developer's engine may hold one: then it is the selected network.
    await expect(app.getByTestId('network-not-found')).toHaveCount(0);
  } else {
    await expect(app.getByTestId('network-not-found')).toContainText('There is no network called caddytest on this engine');
  }

  await app.getByRole('button', { name: 'Lessons', exact: true }).click();
  await app.getByRole('button', { name: 'Open lesson Volumes and persistence' }).click();
  await pane.getByRole('button', { name: 'Open in Dockside: docker volume create notes' }).click();
  await expect(app.getByRole('main')).toHaveAttribute('aria-label', 'Volumes');
  await expect(app.getByLabel('New volume name', { exact: true })).toHaveValue('notes');
});

test('a docker logs line opens the Logs tab with exactly its flags', async ({ app }) => {
  // Lesson 14's container is called "broken". A developer's own "broken" is only read, never
  // changed: then the flags are checked but not the lines it printed.
  let ours = false;
  if (!(await exists(() => docker.getContainer('broken').inspect()))) {
    const c = await runContainer({ name: 'broken', image: WEB_IMAGE, cmd: ['sh', '-c', 'echo starting; echo oops >&2; exit 3'] });
    await waitFor(async () => (await c.inspect()).State.Status === 'exited', 'broken to exit');
    ours = true;
  }
  try {
    const pane = app.getByRole('complementary', { name: 'Lesson' });
    await app.getByRole('button', { name: 'Lessons', exact: true }).click();
    await app.getByRole('button', { name: 'Open lesson Reading logs' }).click();

    await pane.getByRole('button', { name: 'Open in Dockside: docker logs --tail 1 -t broken' }).click();
    const tab = app.getByTestId('logs-tab');
    await expect(tab).toBeVisible();
    await expect(app.getByRole('textbox', { name: 'Tail: number of last lines, or all' })).toHaveValue('1');
    await expect(tab.getByRole('checkbox', { name: 'Timestamps' })).toBeChecked();
    await expect(tab.getByRole('checkbox', { name: 'Follow' })).not.toBeChecked();
    await expect(tab.getByTestId('docker-command')).toContainText('docker logs --tail 1 --timestamps broken');
    if (ours) {
      const rows = app.getByTestId('log-row');
      await expect(rows).toHaveCount(1);
      // The same line, with the same time, as the CLI prints (stdout and stderr reach the engine
      // through two pipes, so which of the two lines is the newest is the engine's call).
      const cli = execFileSync('sh', ['-c', 'docker logs --tail 1 -t broken 2>&1'], { encoding: 'utf8' }).trim();
      const [time, ...words] = cli.split(' ');
      const output = words.join(' ');
      expect(output).toMatch(/^(starting|oops)$/);
      await expect(rows.first()).toContainText(output);
      await expect(rows.first()).toContainText(time!);
    }

    await pane.getByRole('button', { name: 'Open in Dockside: docker logs -f broken' }).click();
    await expect(app.getByRole('textbox', { name: 'Tail: number of last lines, or all' })).toHaveValue('all');
    await expect(tab.getByRole('checkbox', { name: 'Timestamps' })).not.toBeChecked();
    await expect(tab.getByRole('checkbox', { name: 'Follow' })).toBeChecked();
    await expect(tab.getByTestId('docker-command')).toContainText('docker logs --follow broken');
    if (ours) {
      const rows = app.getByTestId('log-row');
      await expect(rows).toHaveCount(2);
      await expect(rows.filter({ hasText: 'starting' })).toHaveCount(1);
      await expect(rows.filter({ hasText: 'oops' })).toHaveCount(1);
      await expect(rows.first()).not.toContainText(/\d{4}-\d{2}-\d{2}T/);
    }
  } finally {
    if (ours) await docker.getContainer('broken').remove({ force: true });
  }
});

test('a build line fills every flag (tags included, no default); an exec on a container the engine lacks says so', async ({ app }) => {
  const pane = app.getByRole('complementary', { name: 'Lesson' });
  await app.getByRole('button', { name: 'Lessons', exact: true }).click();
  await app.getByRole('button', { name: 'Open lesson Dockerfiles and docker build' }).click();
  await pane.getByRole('button', { name: 'Open in Dockside: docker build . -t helloworld:latest' }).click();
  await expect(app.getByRole('main')).toHaveAttribute('aria-label', 'Build & publish');
  // Exactly the command's tag: no example default left in the field. Nothing builds until Build.
  await expect(app.getByLabel('Tags (-t), comma separated')).toHaveValue('helloworld:latest');
  await expect(app.getByLabel('Dockerfile (in that folder)')).toHaveValue('Dockerfile');
  // "." is the folder the command runs in: the form says to choose it.
  await expect(app.getByTestId('build-context-note')).toContainText('The command builds .');

  await app.getByRole('button', { name: 'Lessons', exact: true }).click();
  await app.getByRole('button', { name: 'Open lesson Offline containers' }).click();
  await pane.getByRole('button', { name: 'Open in Dockside: docker exec sealed ip addr' }).click();
  await expect(app.getByRole('main')).toHaveAttribute('aria-label', 'Containers');
  if (!(await exists(() => docker.getContainer('sealed').inspect()))) {
    await expect(app.getByText('No container called sealed yet.')).toBeVisible();
  } else {
    // A developer's own "sealed": its Exec tab opens with the command, nothing run.
    await expect(app.getByRole('tab', { name: 'Exec' })).toHaveAttribute('aria-selected', 'true');
  }
});
