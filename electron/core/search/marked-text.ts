// FTS5 highlight() and snippet() wrap matches in two private-use characters (the migration strips them
// from indexed text, so they cannot come from the store); here they become segments the renderer shows
// as <mark> elements, never parsed as HTML.
import type { MarkedSegment } from '../../../shared/api/search-methods';

export const MARK_OPEN = '\uE000';
export const MARK_CLOSE = '\uE001';

export function splitMarkedText(text: string): MarkedSegment[] {
  const segments: MarkedSegment[] = [];
  let mark = false;
  let start = 0;
  const push = (end: number) => {
    if (end <= start) return;
    const piece = text.slice(start, end);
    const last = segments[segments.length - 1];
    if (last && last.mark === mark) last.text += piece;
    else segments.push({ text: piece, mark });
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch !== MARK_OPEN && ch !== MARK_CLOSE) continue;
    push(i);
    mark = ch === MARK_OPEN;
    start = i + 1;
  }
  push(text.length);
  return tidy(segments);
}

/** Line breaks and runs of spaces read as one space in a one-line result; the ends are trimmed. */
function tidy(segments: MarkedSegment[]): MarkedSegment[] {
  for (const segment of segments) segment.text = segment.text.replace(/\s+/gu, ' ');
  const first = segments[0];
  if (first && !first.mark) first.text = first.text.trimStart();
  const last = segments[segments.length - 1];
  if (last && !last.mark) last.text = last.text.trimEnd();
  return segments.filter((segment) => segment.text.length > 0);
}

/**
 * A snippet of Markdown (proposal bodies, rationales, comments) read as one line of text: link targets,
 * heading marks, emphasis, table rules and cell pipes go; matched words are kept as they are.
 */
export function withoutMarkdown(segments: MarkedSegment[]): MarkedSegment[] {
  return tidy(segments.map((segment) => (segment.mark ? segment : { ...segment, text: stripMarkdown(segment.text) })));
}

function stripMarkdown(text: string): string {
  return text
    .replace(/\[([^\]]*)\]\([^)]*\)/gu, '$1')
    .replace(/\|?(?:\s*:?-{3,}:?\s*\|)+(?:\s*:?-{3,}:?)?/gu, ' ')
    .replace(/(^|\s)#{1,6}(?=\s)/gu, '$1')
    .replace(/\*\*|__|`/gu, '')
    .replace(/\s*\|\s*/gu, ' · ')
    .replace(/(?:\s*·\s*){2,}/gu, ' · ');
}

export function plainSegments(text: string): MarkedSegment[] {
  return text ? [{ text, mark: false }] : [];
}

export function hasMark(segments: MarkedSegment[]): boolean {
  return segments.some((segment) => segment.mark);
}

/** The distinct matched words, lower-cased, in order of first appearance. */
export function markedWords(segments: MarkedSegment[]): string[] {
  const words = new Set<string>();
  for (const segment of segments) if (segment.mark) words.add(segment.text.toLowerCase());
  return [...words];
}
