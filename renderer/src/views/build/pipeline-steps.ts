/** The course's 13-step deployment pipeline; steps 9-13 are done live in Dockside. */
export interface PipelineStep {
  n: number;
  title: string;
  detail: string;
  live: boolean;
}

export const PIPELINE_STEPS: PipelineStep[] = [
  { n: 1, title: 'Write code', detail: 'The developer writes some new code.', live: false },
  { n: 2, title: 'Commit', detail: 'The developer commits the code to Git.', live: false },
  { n: 3, title: 'Push branch', detail: 'The developer pushes a new branch to GitHub.', live: false },
  { n: 4, title: 'Open PR', detail: 'A pull request to the main branch is opened.', live: false },
  { n: 5, title: 'Review', detail: 'A teammate reviews the PR and approves it.', live: false },
  { n: 6, title: 'Merge', detail: 'The developer merges the pull request.', live: false },
  { n: 7, title: 'CI starts', detail: 'On merge, an automated script (e.g. a GitHub Action) starts.', live: false },
  { n: 8, title: 'Build code', detail: 'The script builds the code (if it is a compiled language).', live: false },
  { n: 9, title: 'Build image', detail: 'The script builds a new Docker image: tag it x.y.z and latest.', live: true },
  { n: 10, title: 'Push image', detail: 'The script pushes the new image (both tags) to the registry.', live: true },
  { n: 11, title: 'Notify', detail: 'The servers (e.g. a Kubernetes cluster) are told there is a new version.', live: true },
  { n: 12, title: 'Pull', detail: 'The servers pull down the new image.', live: true },
  { n: 13, title: 'Replace', detail: 'Old containers are shut down as new ones from the new image start.', live: true },
];
