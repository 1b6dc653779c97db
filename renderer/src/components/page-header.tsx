import type { ReactNode } from 'react';

export function PageHeader({ title, subtitle, children }: { title: string; subtitle?: ReactNode; children?: ReactNode }) {
  return (
    <header className="page-header">
      <h1>{title}</h1>
      {subtitle && <span className="subtitle">{subtitle}</span>}
      {children && <div className="row grow" style={{ justifyContent: 'flex-end' }}>{children}</div>}
    </header>
  );
}
