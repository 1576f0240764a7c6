/**
 * The Help menu's course topics: the course notes' chapters, each with the Docker documentation
 * page that goes deeper. Opened in the user's browser.
 */
export const DOCS_URL = 'https://docs.docker.com/';
/** Kept equal to package.json "homepage" (test/unit/electron/builder-config.test.ts). */
export const HOMEPAGE = 'https://github.com/dockside/dockside#readme';

export const COURSE_TOPICS: readonly { label: string; url: string }[] = [
  { label: 'What is Docker?', url: 'https://docs.docker.com/get-started/docker-overview/' },
  { label: 'Images and containers', url: 'https://docs.docker.com/get-started/docker-concepts/the-basics/what-is-a-container/' },
  { label: 'Running a container', url: 'https://docs.docker.com/reference/cli/docker/container/run/' },
  { label: 'Stopping and killing', url: 'https://docs.docker.com/reference/cli/docker/container/stop/' },
  { label: 'Volumes', url: 'https://docs.docker.com/engine/storage/volumes/' },
  { label: 'Exec and a live shell', url: 'https://docs.docker.com/reference/cli/docker/container/exec/' },
  { label: 'Networks', url: 'https://docs.docker.com/engine/network/' },
  { label: 'Dockerfiles', url: 'https://docs.docker.com/reference/dockerfile/' },
  { label: 'Logs', url: 'https://docs.docker.com/reference/cli/docker/container/logs/' },
  { label: 'Stats and top', url: 'https://docs.docker.com/reference/cli/docker/container/stats/' },
  { label: 'Resource limits', url: 'https://docs.docker.com/engine/containers/resource_constraints/' },
  { label: 'Tags, pull and push', url: 'https://docs.docker.com/reference/cli/docker/image/tag/' },
  { label: 'Docker Hub', url: 'https://docs.docker.com/docker-hub/' },
];
