/**
 * "Open in Dockside" does the lesson's command: network and volume commands open their view
 * with the form filled (nothing created until the learner confirms), and a command about a
 * target the engine does not have says so where the learner looks.
 */
import { testDocker } from '../support/engine';
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
