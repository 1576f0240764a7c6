/** Docker documentation pages matching each view and lesson (opened in the user's browser). */
import type { ViewId } from '../../stores/nav-store';

export interface DocsLink {
  title: string;
  url: string;
}

const D = 'https://docs.docker.com';

export const VIEW_DOCS: Record<ViewId, DocsLink> = {
  containers: { title: 'docker container (CLI reference)', url: `${D}/reference/cli/docker/container/` },
  stats: { title: 'docker container stats', url: `${D}/reference/cli/docker/container/stats/` },
  images: { title: 'docker image (CLI reference)', url: `${D}/reference/cli/docker/image/` },
  build: { title: 'Docker Build overview', url: `${D}/build/` },
  volumes: { title: 'Volumes', url: `${D}/engine/storage/volumes/` },
  networks: { title: 'Networking overview', url: `${D}/engine/network/` },
  cluster: { title: 'Swarm mode: deploy services to a swarm', url: `${D}/engine/swarm/services/` },
  lessons: { title: 'Get started with Docker', url: `${D}/get-started/` },
  disk: { title: 'Prune unused Docker objects', url: `${D}/engine/manage-resources/pruning/` },
  settings: { title: 'Docker contexts (choosing an engine)', url: `${D}/engine/manage-resources/contexts/` },
  help: { title: 'Docker documentation', url: `${D}/` },
};

export const LESSON_DOCS: Record<string, DocsLink> = {
  'moving-parts': { title: 'Docker overview', url: `${D}/get-started/docker-overview/` },
  'what-is-docker': { title: 'What is a container?', url: `${D}/get-started/docker-concepts/the-basics/what-is-a-container/` },
  'containers-vs-vms': { title: 'What is a container?', url: `${D}/get-started/docker-concepts/the-basics/what-is-a-container/` },
  'images-vs-containers': { title: 'What is an image?', url: `${D}/get-started/docker-concepts/the-basics/what-is-an-image/` },
  'running-a-container': { title: 'docker container run', url: `${D}/reference/cli/docker/container/run/` },
  'stop-vs-kill': { title: 'docker container stop', url: `${D}/reference/cli/docker/container/stop/` },
  volumes: { title: 'Volumes', url: `${D}/engine/storage/volumes/` },
  'exec-and-shell': { title: 'docker container exec', url: `${D}/reference/cli/docker/container/exec/` },
  'offline-containers': { title: 'None network driver', url: `${D}/engine/network/drivers/none/` },
  'load-balancers': { title: 'Networking overview', url: `${D}/engine/network/` },
  'custom-networks': { title: 'Bridge network driver', url: `${D}/engine/network/drivers/bridge/` },
  caddyfiles: { title: 'Bind mounts', url: `${D}/engine/storage/bind-mounts/` },
  dockerfiles: { title: 'Dockerfile reference', url: `${D}/reference/dockerfile/` },
  logs: { title: 'docker container logs', url: `${D}/reference/cli/docker/container/logs/` },
  stats: { title: 'docker container stats', url: `${D}/reference/cli/docker/container/stats/` },
  top: { title: 'docker container top', url: `${D}/reference/cli/docker/container/top/` },
  'resource-limits': { title: 'Resource constraints', url: `${D}/engine/containers/resource_constraints/` },
  publishing: { title: 'docker image push', url: `${D}/reference/cli/docker/image/push/` },
  'deployment-pipeline': { title: 'Build, tag and publish an image', url: `${D}/get-started/docker-concepts/building-images/build-tag-and-publish-an-image/` },
};

/** Topics that are not a view of their own (container tabs, file browser). */
export const TOPIC_DOCS: DocsLink[] = [
  { title: 'docker system df', url: `${D}/reference/cli/docker/system/df/` },
  { title: 'docker container cp (the file browser)', url: `${D}/reference/cli/docker/container/cp/` },
  { title: 'docker container logs', url: `${D}/reference/cli/docker/container/logs/` },
  { title: 'Docker Compose', url: `${D}/compose/` },
];

export function lessonDocs(lessonId: string, view: ViewId | undefined): DocsLink {
  return LESSON_DOCS[lessonId] ?? VIEW_DOCS[view ?? 'lessons'];
}
