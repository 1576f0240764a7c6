/**
 * Diagram id (as written in lessons: ```diagram load-balancer```) -> drawing. Each drawing is its own
 * chunk, fetched the first time a lesson shows it.
 */
import type { ComponentType } from 'react';
import type { DiagramId } from '../../../../../main/lessons/catalog';
import { lazyPart } from '../../../components/lazy-part';

const loading = <p className="muted">Loading the diagram…</p>;

export const DIAGRAMS: Record<DiagramId, ComponentType> = {
  'moving-parts': lazyPart(() => import('./moving-parts').then((m) => ({ default: m.MovingParts })), loading),
  'vm-vs-container': lazyPart(() => import('./vm-vs-container').then((m) => ({ default: m.VmVsContainer })), loading),
  'image-vs-container': lazyPart(() => import('./image-vs-container').then((m) => ({ default: m.ImageVsContainer })), loading),
  'load-balancer': lazyPart(() => import('./load-balancer').then((m) => ({ default: m.LoadBalancer })), loading),
  'custom-network': lazyPart(() => import('./custom-network').then((m) => ({ default: m.CustomNetwork })), loading),
  'deployment-pipeline': lazyPart(() => import('./deployment-pipeline').then((m) => ({ default: m.DeploymentPipeline })), loading),
};
