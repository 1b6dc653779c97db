// Shown by a page whose feature has not landed yet, saying what it will hold.
import { PageHeader } from './page-header';
import { EmptyState } from './state-views';

export function ComingPage({ title, purpose }: { title: string; purpose: string }) {
  return (
    <div className="page">
      <PageHeader title={title} />
      <div className="panel">
        <EmptyState title="Coming">{purpose}</EmptyState>
      </div>
    </div>
  );
}
