// A page that throws while rendering shows its error in place; the rest of the app keeps working.
import { Component, type ReactNode } from 'react';
import { ErrorPanel } from './state-views';

export class PageErrorBoundary extends Component<{ children: ReactNode; resetKey: string }, { error: Error | null }> {
  override state: { error: Error | null } = { error: null };

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  override componentDidUpdate(previous: { resetKey: string }) {
    if (previous.resetKey !== this.props.resetKey && this.state.error) this.setState({ error: null });
  }

  override render() {
    if (this.state.error) {
      return (
        <div className="page">
          <ErrorPanel error={this.state.error} title="This page failed to render" />
        </div>
      );
    }
    return this.props.children;
  }
}
