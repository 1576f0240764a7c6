import type { DocsLink as Link } from './docs-links';

/**
 * A link to Docker's documentation. `target=_blank`: in the desktop app the window-open rule
 * hands http(s) links to the user's browser (shell.openExternal); in browser mode it is a new tab.
 */
export function DocsLink({ link, prefix = 'Docs:' }: { link: Link; prefix?: string }) {
  return (
    <a className="docs-link" href={link.url} target="_blank" rel="noreferrer noopener" data-testid="docs-link">
      {prefix} {link.title} ↗
    </a>
  );
}
