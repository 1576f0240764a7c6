/** The containers view's tab of the "tools" feature: a file browser (running or stopped containers). */
import { FileBrowser } from '../files/file-browser';
import type { DetailTab } from './extensions';

export const toolsDetailTabs: DetailTab[] = [
  { id: 'files', label: 'Files', render: (c) => <FileBrowser key={c.id} target={{ kind: 'container', id: c.id }} label={c.name} /> },
];
