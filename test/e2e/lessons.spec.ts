/**
 * The course in Chromium against the real engine: open the running-a-container lesson beside the
 * containers view, start the container from outside the app, watch the task tick; progress
 * survives a reload; commands, quizzes, diagrams and closing the pane work.
 */
import net from 'node:net';
import type Docker from 'dockerode';
import { test, expect } from './fixtures';
import { runContainer } from '../support/engine';
import { WEB_IMAGE } from '../support/fixtures';
import { testName } from '../support/labels';

function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = net.createServer().once('error', () => resolve(false)).once('listening', () => srv.close(() => resolve(true)));
    srv.listen(port, '127.0.0.1');
  });
}

let container: Docker.Container | null = null;
test.afterEach(async () => {
  await container?.remove({ force: true }).catch(() => undefined);
  container = null;
});

test('a task ticks when the container is started from outside the app, and progress survives a reload', async ({ app }) => {
  // The lesson's task is about 8080 itself; wait (bounded) if a parallel run holds it right now.
  await expect.poll(() => portFree(8080), { message: 'host port 8080 to be free', timeout: 30_000 }).toBe(true);
  await app.getByRole('button', { name: 'Lessons', exact: true }).click();
  await expect(app.getByRole('table', { name: 'Lessons' }).locator('tbody tr')).toHaveCount(19);
  await expect(app.getByTestId('lesson-tasks-running-a-container')).toHaveText('0 / 1');

  await app.getByRole('button', { name: 'Open lesson Running a container' }).click();
  const pane = app.getByRole('complementary', { name: 'Lesson' });
  await expect(pane.getByRole('heading', { name: 'Running a container' })).toBeVisible();
  // The lesson sits beside the live view it talks about.
  await expect(app.getByRole('main')).toHaveAttribute('aria-label', 'Containers');
  const task = pane.getByTestId('task-publish-8080');
  await expect(task).toHaveAttribute('data-met', 'false');
  await expect(task).toContainText('Not yet');

  // A terminal user's `docker run -d -p 8080:80 ...`: straight to the engine, not through the app.
  container = await runContainer({ name: testName('lsn-e2e'), image: WEB_IMAGE, ports: { '80/tcp': '8080' } });
  await expect(task).toHaveAttribute('data-met', 'true');
  await expect(task).toHaveAttribute('data-done', 'true');
  await expect(task).toContainText('Done — met right now');
  await expect(task).toContainText('forwards host port 8080 to its port 80');

  await app.reload();
  await app.getByTestId('engine-status').and(app.locator('[data-state="connected"]')).waitFor();
  await app.getByRole('button', { name: 'Lessons', exact: true }).click();
  await expect(app.getByTestId('lesson-tasks-running-a-container')).toHaveText('1 / 1');
  await app.getByRole('button', { name: 'Open lesson Running a container' }).click();
  await expect(task).toHaveAttribute('data-done', 'true');

  // Undo: the live state follows the engine, the saved "done" stays.
  await container.remove({ force: true });
  container = null;
  await expect(task).toHaveAttribute('data-met', 'false');
  await expect(task).toHaveAttribute('data-done', 'true');
  await expect(task).toContainText('Done earlier — not met right now');
});

test('commands copy and open the matching view; quizzes answer; diagrams draw; the pane closes', async ({ app }) => {
  await app.getByRole('button', { name: 'Lessons', exact: true }).click();
  await app.getByRole('button', { name: 'Open lesson Custom bridge networks' }).click();
  const pane = app.getByRole('complementary', { name: 'Lesson' });
  await expect(app.getByRole('main')).toHaveAttribute('aria-label', 'Networks');
  await expect(pane.getByRole('img', { name: /Only the load balancer is published/ })).toBeVisible();

  await pane.getByRole('button', { name: 'Copy docker network create caddytest' }).click();
  expect(await app.evaluate('navigator.clipboard.readText()')).toBe('docker network create caddytest');

  // From the next lesson's Caddyfile block: a non-docker block only copies.
  await pane.getByRole('button', { name: /Caddyfiles and the load balancer →/ }).click();
  await expect(pane.getByRole('heading', { name: 'Caddyfiles and the load balancer' })).toBeVisible();
  await expect(pane.getByRole('button', { name: 'Copy this block' })).toBeVisible();
  // Lesson 12 opens the load-balancer lab; back on lesson 11 the view is the networks list again.
  await expect(app.getByRole('tablist', { name: 'Networks sections' }).getByRole('tab', { selected: true })).not.toHaveText('Networks');
  await pane.getByRole('button', { name: /^← Custom bridge networks/ }).click();
  await expect(app.getByRole('tablist', { name: 'Networks sections' }).getByRole('tab', { selected: true })).toHaveText('Networks');

  // "Open in Dockside" on a stats command switches the live view.
  await app.getByRole('button', { name: 'Lessons', exact: true }).click();
  await app.getByRole('button', { name: 'Open lesson Resource limits' }).click();
  await expect(app.getByRole('main')).toHaveAttribute('aria-label', 'Stats');
  await app.getByRole('button', { name: 'Lessons', exact: true }).click();
  await expect(app.getByRole('main')).toHaveAttribute('aria-label', 'Lessons');
  await pane.getByRole('button', { name: 'Open in Dockside: docker stats small slow' }).click();
  await expect(app.getByRole('main')).toHaveAttribute('aria-label', 'Stats');

  // Quiz: main judges the answer and explains it.
  await app.getByRole('button', { name: 'Lessons', exact: true }).click();
  await app.getByRole('button', { name: 'Open lesson Stop vs kill' }).click();
  const q = pane.getByTestId('quiz-0');
  await q.getByLabel('There is none').check();
  await q.getByRole('button', { name: 'Check answer' }).click();
  await expect(q.getByRole('status')).toContainText('Not quite');
  await q.getByLabel(/stop sends SIGTERM/).check();
  await q.getByRole('button', { name: 'Check answer' }).click();
  await expect(q.getByRole('status')).toContainText('Right.');

  await pane.getByRole('button', { name: 'Close lesson' }).click();
  await expect(app.getByRole('complementary', { name: 'Lesson' })).toHaveCount(0);
});
