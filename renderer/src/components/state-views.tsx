// What a page shows instead of a blank screen: loading, empty, or the error in place.
import type { ReactNode } from 'react';
import type { ApiCallError } from '../api/use-api';

export function LoadingState({ what }: { what: string }) {
  return (
    <div className="state" role="status">
      Loading {what}…
    </div>
  );
}

export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="state">
      <h2>{title}</h2>
      {children}
    </div>
  );
}

export function ErrorPanel({ error, title }: { error: ApiCallError | Error; title?: string }) {
  const issues = 'error' in error ? error.error.issues : undefined;
  return (
    <div className="error-panel" role="alert">
      <strong>{title ?? 'Something went wrong'}:</strong> {error.message}
      {issues && issues.length > 0 && (
        <ul>
          {issues.map((issue, index) => (
            <li key={index}>
              <code>{issue.path || '(input)'}</code>: {issue.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
