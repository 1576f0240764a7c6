/**
 * Renders a lesson's Markdown (GFM tables included). Code blocks become command rows, ```diagram X```
 * blocks become drawings, and `dockside:view` links become buttons that open that view.
 */
import { isValidElement, useMemo, type ReactElement, type ReactNode } from 'react';
import Markdown, { defaultUrlTransform, type Components } from 'react-markdown';
import remarkGfm from 'remark-gfm';
import { VIEW_IDS, type DiagramId, type LessonViewId } from '../../../../main/lessons/catalog';
import { useNavStore } from '../../stores/nav-store';
import { CommandBlock } from './command-block';
import { DIAGRAMS } from './diagrams';
import { PRACTICE_TOKEN, usePracticeHost, withPracticeHost } from './practice-host';

function textOf(node: ReactNode): string {
  if (typeof node === 'string' || typeof node === 'number') return String(node);
  if (Array.isArray(node)) return node.map(textOf).join('');
  if (isValidElement(node)) return textOf((node.props as { children?: ReactNode }).children);
  return '';
}

function ViewLink({ href, children }: { href: string; children: ReactNode }) {
  const go = useNavStore((s) => s.go);
  const [view, query] = href.slice('dockside:'.length).split('?');
  // "?lab=true" means the boolean the views expect, not the string.
  const params = Object.fromEntries([...new URLSearchParams(query ?? '')].map(([k, v]) => [k, v === 'true' ? true : v === 'false' ? false : v]));
  if (!(VIEW_IDS as readonly string[]).includes(view ?? '')) return <>{children}</>;
  return (
    <button type="button" className="link" onClick={() => go(view as LessonViewId, params)}>
      {children}
    </button>
  );
}

/**
 * Defined once, outside any render: a `components` object made inside the render gives React new
 * component types each time, so every re-render of the pane (each engine event re-checks the
 * tasks) would unmount and remount every code block, resetting a Copy button's "Copied" under
 * the learner's eyes and re-drawing the diagrams.
 */
const COMPONENTS: Components = {
  pre: ({ children }) => {
    const code = (Array.isArray(children) ? children[0] : children) as ReactElement<{ className?: string; children?: ReactNode }>;
    const cls = isValidElement(code) ? (code.props.className ?? '') : '';
    const diagram = /language-diagram-([a-z-]+)/.exec(cls)?.[1] as DiagramId | undefined;
    if (diagram && DIAGRAMS[diagram]) {
      const Diagram = DIAGRAMS[diagram];
      return <Diagram />;
    }
    return <CommandBlock text={textOf(children)} />;
  },
  a: ({ href, children }) =>
    href?.startsWith('dockside:') ? (
      <ViewLink href={href}>{children}</ViewLink>
    ) : (
      <a href={href} target="_blank" rel="noreferrer noopener">
        {children}
      </a>
    ),
  table: ({ children }) => <table className="table">{children}</table>,
};
const REMARK_PLUGINS = [remarkGfm];
const urlTransform = (url: string) => (url.startsWith('dockside:') ? url : defaultUrlTransform(url));

export function LessonMarkdown({ body }: { body: string }) {
  const practiceHost = usePracticeHost(body.includes(PRACTICE_TOKEN));
  // "```diagram load-balancer" -> language "diagram-load-balancer", which survives into the class name.
  const source = withPracticeHost(body, practiceHost).replace(/^```diagram[ \t]+([a-z-]+)[ \t]*$/gm, '```diagram-$1');
  // Parsed again only when the text changes, not on every re-render of the pane.
  const rendered = useMemo(
    () => (
      <Markdown remarkPlugins={REMARK_PLUGINS} urlTransform={urlTransform} components={COMPONENTS}>
        {source}
      </Markdown>
    ),
    [source],
  );
  return <div className="lesson-body">{rendered}</div>;
}
