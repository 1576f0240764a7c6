/**
 * The one list of features that extend the containers view. Add a feature by describing it in
 * its own folder (`views/<feature>/container-feature.tsx`) and listing it here.
 */
import { debugContainersFeature } from '../debug/container-feature';
import { filesContainersFeature } from '../files/container-feature';
import { workflowsContainersFeature } from '../workflows/container-feature';
import { detailTabsOf, type ContainersFeature } from './container-feature';

export const containersFeatures: readonly ContainersFeature[] = [workflowsContainersFeature, debugContainersFeature, filesContainersFeature];

export const containerDetailTabs = detailTabsOf(containersFeatures);
