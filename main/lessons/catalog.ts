/**
 * Names lessons may refer to: the app's views and the diagrams the renderer knows how to draw.
 * Pure (no node: imports): the loader validates against these lists and the renderer imports
 * them too, so a lesson can never point at something that does not exist.
 */

export const VIEW_IDS = ['containers', 'stats', 'images', 'build', 'volumes', 'networks', 'cluster', 'lessons'] as const;
export type LessonViewId = (typeof VIEW_IDS)[number];

/** Diagrams drawn as React SVG components (renderer/src/views/lessons/diagrams/). */
export const DIAGRAM_IDS = ['moving-parts', 'vm-vs-container', 'image-vs-container', 'load-balancer', 'custom-network', 'deployment-pipeline'] as const;
export type DiagramId = (typeof DIAGRAM_IDS)[number];

/** A Markdown link `[text](dockside:volumes)` opens a view; these are validated by the loader. */
export const VIEW_LINK = /\]\(dockside:([a-z-]+)(?:\?[^)]*)?\)/g;

/** A fenced block ```diagram load-balancer``` is swapped for a drawing by the renderer. */
export const DIAGRAM_BLOCK = /^```diagram[ \t]+([a-z-]+)[ \t]*$/gm;
