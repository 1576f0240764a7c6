/** The "tools" feature's tab in a container's details: a file browser (running or stopped containers). */
import type { ContainersFeature } from '../containers/container-feature';
import { FileBrowser } from './file-browser';

export const filesContainersFeature: ContainersFeature = {
  name: 'files',
  detailTabs: [{ id: 'files', label: 'Files', render: (c) => <FileBrowser key={c.id} target={{ kind: 'container', id: c.id }} label={c.name} /> }],
};
