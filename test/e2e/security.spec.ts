/**
 * In Chromium: once the Dockside page is open (link traded, session live), a web server on
 * another loopback port that the learner visits (a container they published, say) must receive
 * neither the one-time code nor the session secret, in any header or URL, and its pages can
 * neither read the session nor open Dockside's socket.
 */
import http from 'node:http';
import { expect, test } from './fixtures';

/** The page's globals, typed here (this file compiles without the DOM library). */
type PageGlobals = { sessionStorage: { getItem(k: string): string | null }; location: { href: string }; WebSocket: new (url: string, protocols: string[]) => { onopen: () => void; onerror: () => void } };

interface Seen {
  url: string;
  headers: Record<string, string | string[] | undefined>;
}

test('a page on another loopback port gets no Dockside secret in any header or URL', async ({ server, browserInstance }) => {
  const seen: Seen[] = [];
  const other = http.createServer((req, res) => {
    seen.push({ url: req.url ?? '', headers: req.headers });
    res.setHeader('Content-Type', 'text/html');
    res.end('<!doctype html><title>published container</title><img src="/pixel.png"><a href="/next">next</a>');
  });
  await new Promise<void>((r) => other.listen(0, '127.0.0.1', () => r()));
  const otherOrigin = `http://127.0.0.1:${(other.address() as { port: number }).port}`;
  const context = await browserInstance.newContext();
  try {
    const page = await context.newPage();
    const link = await server.link();
    const code = /#code=(.+)$/.exec(link)![1]!;
    await page.goto(link);
    await page.getByTestId('engine-status').and(page.locator('[data-state="connected"]')).waitFor();
    const secret = await page.evaluate(() => (globalThis as unknown as PageGlobals).sessionStorage.getItem('dockside.session'));
    expect(secret).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(await context.cookies()).toEqual([]);

    // The learner opens their container in another tab, and follows a link from Dockside itself.
    const tab = await context.newPage();
    await tab.goto(otherOrigin + '/');
    await tab.getByRole('link', { name: 'next' }).click();
    await tab.waitForURL(/\/next$/);
    await page.evaluate((url) => {
      (globalThis as unknown as PageGlobals).location.href = url;
    }, `${otherOrigin}/from-dockside`);
    await page.waitForURL(/from-dockside$/);

    // That origin's pages cannot read Dockside's session, nor use its API.
    expect(await tab.evaluate(() => (globalThis as unknown as PageGlobals).sessionStorage.getItem('dockside.session'))).toBeNull();
    const socketOpened = await tab.evaluate(
      ({ port, s }) =>
        new Promise<boolean>((resolve) => {
          const ws = new (globalThis as unknown as PageGlobals).WebSocket(`ws://127.0.0.1:${port}/api`, ['dockside', `dockside.secret.${s}`]);
          ws.onopen = () => resolve(true);
          ws.onerror = () => resolve(false);
        }),
      { port: new URL(server.origin).port, s: 'guessed' },
    );
    expect(socketOpened).toBe(false);

    expect(seen.length).toBeGreaterThanOrEqual(3);
    const everything = JSON.stringify(seen);
    expect(everything).not.toContain(secret!);
    expect(everything).not.toContain(code);
    expect(everything).not.toMatch(/dockside_token|code=|token=/);
    // Not even where Dockside was: the navigation from it carried no Referer.
    const fromDockside = seen.find((s) => s.url === '/from-dockside');
    expect(fromDockside?.headers.referer).toBeUndefined();
  } finally {
    await context.close();
    await new Promise((r) => other.close(r));
  }
});
