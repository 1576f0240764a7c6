/** Building blocks shared by the lesson diagrams; colours come from CSS classes so light and dark both work. */
import type { ReactNode } from 'react';

export function Box({ x, y, w, h, label, sub, tone = 'plain' }: { x: number; y: number; w: number; h: number; label: string; sub?: string; tone?: 'plain' | 'accent' | 'ok' | 'muted' | 'warn' }) {
  return (
    <g>
      <rect x={x} y={y} width={w} height={h} rx={6} className={`dg-box dg-${tone}`} />
      <text x={x + w / 2} y={y + h / 2 + (sub ? -3 : 4)} textAnchor="middle" className="dg-label">
        {label}
      </text>
      {sub && (
        <text x={x + w / 2} y={y + h / 2 + 12} textAnchor="middle" className="dg-sub">
          {sub}
        </text>
      )}
    </g>
  );
}

export function Arrow({ x1, y1, x2, y2, label, dashed }: { x1: number; y1: number; x2: number; y2: number; label?: string; dashed?: boolean }) {
  return (
    <g>
      <line x1={x1} y1={y1} x2={x2} y2={y2} className={dashed ? 'dg-arrow dg-dashed' : 'dg-arrow'} markerEnd="url(#dg-head)" />
      {label && (
        <text x={(x1 + x2) / 2 + 4} y={(y1 + y2) / 2 - 4} className="dg-sub">
          {label}
        </text>
      )}
    </g>
  );
}

/** The outer <svg>: scales to the pane's width, announced as one image with a text alternative. */
export function Figure({ width, height, title, description, children }: { width: number; height: number; title: string; description: string; children: ReactNode }) {
  const id = title.replace(/\W+/g, '-').toLowerCase();
  return (
    <figure className="diagram">
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-labelledby={`${id}-t ${id}-d`} data-testid={`diagram-${id}`}>
        <title id={`${id}-t`}>{title}</title>
        <desc id={`${id}-d`}>{description}</desc>
        <defs>
          <marker id="dg-head" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
            <path d="M0,0 L10,5 L0,10 z" className="dg-head" />
          </marker>
        </defs>
        {children}
      </svg>
      <figcaption className="muted">{title}</figcaption>
    </figure>
  );
}
