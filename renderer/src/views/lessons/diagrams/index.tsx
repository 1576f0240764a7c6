/**
 * Diagram id (as written in lessons: ```diagram load-balancer```) -> drawing. The drawings are small
 * SVGs that ship in the lesson pane's chunk (itself loaded on first use), so a lesson's text never
 * shifts when a drawing arrives after it: a late drawing pushed the lesson's buttons down under a
 * pointer that was already on its way to them.
 */
import type { ComponentType } from 'react';
import type { DiagramId } from '../../../../../main/lessons/catalog';
import { CustomNetwork } from './custom-network';
import { DeploymentPipeline } from './deployment-pipeline';
import { ImageVsContainer } from './image-vs-container';
import { LoadBalancer } from './load-balancer';
import { MovingParts } from './moving-parts';
import { VmVsContainer } from './vm-vs-container';

export const DIAGRAMS: Record<DiagramId, ComponentType> = {
  'moving-parts': MovingParts,
  'vm-vs-container': VmVsContainer,
  'image-vs-container': ImageVsContainer,
  'load-balancer': LoadBalancer,
  'custom-network': CustomNetwork,
  'deployment-pipeline': DeploymentPipeline,
};
