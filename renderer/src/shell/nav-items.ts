import type { ViewId } from '../stores/nav-store';

export const NAV_ITEMS: { id: ViewId; label: string }[] = [
  { id: 'containers', label: 'Containers' },
  { id: 'stats', label: 'Stats' },
  { id: 'images', label: 'Images' },
  { id: 'build', label: 'Build & publish' },
  { id: 'volumes', label: 'Volumes' },
  { id: 'networks', label: 'Networks' },
  { id: 'cluster', label: 'Cluster' },
  { id: 'lessons', label: 'Lessons' },
  { id: 'disk', label: 'Disk usage' },
  { id: 'settings', label: 'Settings' },
  { id: 'help', label: 'Help' },
];
