/** The Shell tab; xterm is fetched the first time a shell is opened (see shell-terminal.tsx). */
import { useState } from 'react';
import type { ContainerSummary } from '../../../../main/contract';
import { lazyPart } from '../../components/lazy-part';
import { takeIntent } from '../../stores/learner-intent';

const ShellTerminal = lazyPart(() => import('./shell-terminal'), <p className="muted">Loading the terminal…</p>, 'the terminal');

/**
 * Reads the learner's click on the tab as the tab first renders, right after the click: xterm's
 * chunk can take longer to arrive than the click stays fresh on a slow machine, and the shell
 * must still open by itself then.
 */
export function ShellTab({ container }: { container: ContainerSummary }) {
  const [learnerAsked] = useState(() => takeIntent('tab:shell'));
  return <ShellTerminal container={container} learnerAsked={learnerAsked} />;
}
