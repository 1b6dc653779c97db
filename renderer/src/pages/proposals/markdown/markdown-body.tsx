// Shows a rendered proposal body. Every link click is taken over: http(s) links open in the system
// browser through the API client, in-page anchors scroll to their heading, nothing navigates the app.
import { useMemo, useRef, type MouseEvent } from 'react';
import { apiClient } from '../../../api/api-client';
import { anchorTargetId, isAllowedHref, renderProposalMarkdown } from './render-proposal-markdown';

export function MarkdownBody({ source }: { source: string }) {
  const html = useMemo(() => renderProposalMarkdown(source), [source]);
  const container = useRef<HTMLDivElement>(null);

  const onClick = (event: MouseEvent<HTMLDivElement>) => {
    const link = (event.target as Element).closest('a');
    if (!link || !container.current?.contains(link)) return;
    event.preventDefault();
    const href = link.getAttribute('href') ?? '';
    if (href.startsWith('#')) {
      const target = container.current.querySelector(`[id="${CSS.escape(anchorTargetId(href))}"]`);
      target?.scrollIntoView({ block: 'start' });
    } else if (isAllowedHref(href)) {
      void apiClient.openExternal(href);
    }
  };

  if (source.trim() === '') return <p className="muted">The proposal has no text.</p>;
  return <div ref={container} className="markdown-body" data-testid="proposal-body" onClick={onClick} dangerouslySetInnerHTML={{ __html: html }} />;
}
