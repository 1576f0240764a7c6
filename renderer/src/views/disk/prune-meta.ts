import type { PruneTarget } from '../../../../main/contract';

/** The four clean-ups, in the order `docker system df` lists what they free. */
export const PRUNES: { target: PruneTarget; title: string; allLabel: string; what: string }[] = [
  { target: 'containers', title: 'Stopped containers', allLabel: '', what: 'Removes every container that is not running.' },
  { target: 'images', title: 'Images', allLabel: 'All unused images, not only dangling ones (-a)', what: 'Removes dangling images (no tag) that no container uses.' },
  { target: 'volumes', title: 'Unused volumes', allLabel: 'Named volumes too (-a)', what: 'Removes local volumes no container uses: their files are deleted for good.' },
  { target: 'build-cache', title: 'Build cache', allLabel: 'All of it (--all)', what: 'Removes build cache no running build uses.' },
];
