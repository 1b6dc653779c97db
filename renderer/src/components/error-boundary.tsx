// A page that throws while rendering shows its error in place; the rest of the app keeps working, and
// the page gets another chance as soon as the user acts: "Try again" renders it afresh, and so does any
// move of the route (another page, back, a changed parameter). The route keeps the page's state (its
// parameters are in the URL), so trying again loses nothing the user chose; the answers the failed page
// had cached are dropped, so it asks the core again rather than failing on the same data.
import { useQueryClient } from '@tanstack/react-query';
import { Component, type ErrorInfo, type ReactNode } from 'react';
import { ErrorPanel } from './state-views';

interface BoundaryState {
  error: Error | null;
  componentStack: string | null;
}

interface BoundaryProps {
  children: ReactNode;
  resetKey: string;
  onReset(): void;
}

class RecoverableBoundary extends Component<BoundaryProps, BoundaryState> {
  override state: BoundaryState = { error: null, componentStack: null };

  static getDerivedStateFromError(error: Error): Partial<BoundaryState> {
    return { error };
  }

  override componentDidCatch(_error: Error, info: ErrorInfo) {
    this.setState({ componentStack: info.componentStack ?? null });
  }

  override componentDidMount() {
    window.addEventListener('hashchange', this.reset);
  }

  override componentWillUnmount() {
    window.removeEventListener('hashchange', this.reset);
  }

  override componentDidUpdate(previous: { resetKey: string }) {
    if (previous.resetKey !== this.props.resetKey) this.reset();
  }

  private readonly reset = () => {
    if (!this.state.error) return;
    this.props.onReset();
    this.setState({ error: null, componentStack: null });
  };

  override render() {
    const { error, componentStack } = this.state;
    if (!error) return this.props.children;
    return (
      <div className="page" data-testid="page-error" data-render-failure="page">
        <ErrorPanel error={error} title="This page failed to render" />
        <div className="row" style={{ marginTop: 10 }}>
          <button type="button" className="btn" data-testid="page-error-retry" onClick={this.reset}>
            Try again
          </button>
          <span className="muted small">The page keeps the settings in its address; another page and back works too.</span>
        </div>
        {componentStack && (
          <details className="muted small" style={{ marginTop: 8 }}>
            <summary>Where it failed</summary>
            <pre>{componentStack.trim()}</pre>
          </details>
        )}
      </div>
    );
  }
}

export function PageErrorBoundary({ children, resetKey }: { children: ReactNode; resetKey: string }) {
  const queryClient = useQueryClient();
  // The failed page's queries lost their observers when it unmounted: they are the inactive ones.
  const dropInactive = () => queryClient.removeQueries({ type: 'inactive' });
  return (
    <RecoverableBoundary resetKey={resetKey} onReset={dropInactive}>
      {children}
    </RecoverableBoundary>
  );
}
