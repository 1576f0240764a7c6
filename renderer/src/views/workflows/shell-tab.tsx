/** The Shell tab; xterm is fetched the first time a shell is opened (see shell-terminal.tsx). */
import { lazyPart } from '../../components/lazy-part';

export const ShellTab = lazyPart(() => import('./shell-terminal'), <p className="muted">Loading the terminal…</p>);
