/**
 * Small inline icons (no icon font, nothing fetched: the CSP allows no remote content). Always
 * decorative: the button that holds one carries the accessible name, matching its tooltip.
 */
const PATHS = {
  start: 'M4 2.5v11l9-5.5z',
  stop: 'M3.5 3.5h9v9h-9z',
  kill: 'M9.5 1 3 9h4.5L6 15l7-8.5H8.5z',
  restart: 'M13 8a5 5 0 1 1-1.5-3.6M13 2v3h-3',
  remove: 'M2.5 4h11M6 4V2.5h4V4M4 4l.7 9.5h6.6L12 4M6.8 6.5v5M9.2 6.5v5',
  back: 'M10 3 5 8l5 5',
  collapse: 'M6 3l5 5-5 5',
  expand: 'M10 3 5 8l5 5',
  close: 'M4 4l8 8M12 4l-8 8',
} as const;

export type IconName = keyof typeof PATHS;

const FILLED: ReadonlySet<IconName> = new Set(['start', 'stop', 'kill']);

export function Icon({ name }: { name: IconName }) {
  const filled = FILLED.has(name);
  return (
    <svg className="icon" width="14" height="14" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
      <path
        d={PATHS[name]}
        fill={filled ? 'currentColor' : 'none'}
        stroke={filled ? 'none' : 'currentColor'}
        strokeWidth="1.6"
        strokeLinecap="round"
        strokeLinejoin="round"
      />
    </svg>
  );
}
