// Text with matched words marked: each segment is a text node, matches inside <mark>. The text comes
// from the store (untrusted) and is never parsed as HTML.
import type { MarkedSegment } from '../../../shared/api/search-methods';
import './marked-text.css';

export function MarkedText({ segments, fallback = '' }: { segments: MarkedSegment[]; fallback?: string }) {
  if (segments.length === 0) return <>{fallback}</>;
  return (
    <>
      {segments.map((segment, index) => (segment.mark ? <mark key={index}>{segment.text}</mark> : <span key={index}>{segment.text}</span>))}
    </>
  );
}
