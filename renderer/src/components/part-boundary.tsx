/**
 * Where a part of the UI failed to render (its code could not be loaded even after retrying, or
 * it threw): the part says so in its own box, with a way out, and the rest of the app stays.
 * Without a boundary React removes the whole tree and the learner sees a blank page.
 */
import { Component, type ReactNode } from 'react';

interface Props {
  /** What failed, for the message: "this view", "the charts"... */
  what: string;
  children: ReactNode;
}

export class PartBoundary extends Component<Props, { error: Error | null }> {
  override state: { error: Error | null } = { error: null };

  static getDerivedStateFromError(error: unknown): { error: Error } {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  override render(): ReactNode {
    const { error } = this.state;
    if (!error) return this.props.children;
    return (
      <div role="alert" className="part-failed">
        <p>
          Dockside could not show {this.props.what} ({error.message}).
        </p>
        <button type="button" onClick={() => location.reload()}>
          Reload Dockside
        </button>
      </div>
    );
  }
}
