/**
 * What another feature may add to the containers view: detail tabs (logs, stats, shell...) and
 * toolbar items (the run dialog...). This module only declares the shapes and imports nothing
 * from any feature; features describe themselves in their own folder and `features.ts` lists them,
 * so dependencies point one way: view → features index → feature → this module.
 */
import type { ComponentType, ReactNode } from 'react';
import type { ContainerSummary } from '../../../../main/contract';

export interface DetailTab {
  /** Stable id, used in the URL hash and by lessons (`{ select, tab: 'logs' }`). */
  id: string;
  label: string;
  /** Mounted only while its tab is selected, so its stream or polling runs only while on screen. */
  render: (c: ContainerSummary) => ReactNode;
}

export interface ContainersFeature {
  /** For error messages and duplicate checks. */
  name: string;
  detailTabs?: DetailTab[];
  /** Rendered in the view's header, after the built-in controls. */
  Toolbar?: ComponentType;
}

/** All detail tabs in the features' order; a duplicated tab id is a programming error, reported loudly. */
export function detailTabsOf(features: readonly ContainersFeature[]): DetailTab[] {
  const seen = new Map<string, string>();
  const tabs: DetailTab[] = [];
  for (const f of features) {
    for (const t of f.detailTabs ?? []) {
      const owner = seen.get(t.id);
      if (owner) throw new Error(`Containers detail tab "${t.id}" is declared by both ${owner} and ${f.name}`);
      seen.set(t.id, f.name);
      tabs.push(t);
    }
  }
  return tabs;
}
