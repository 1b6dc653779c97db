// What the palette offers: pages and actions (filtered by the typed words) and search hits grouped by
// kind, each with what Enter does.
import type { MarkedSegment, SearchKind, SearchResult } from '../../../../shared/api/search-methods';
import { SEARCH_KINDS } from '../../../../shared/api/search-methods';
import { navigate, routeHref } from '../../app/router';
import { hitFacts, hitHref, KIND_LABELS } from '../search-links';

export interface PaletteEntry {
  key: string;
  group: string;
  title: MarkedSegment[];
  detail?: MarkedSegment[];
  facts?: string;
  disabled?: boolean;
  /** Shown at the right, e.g. a disabled action's reason. */
  note?: string;
  run: () => void;
}

export interface PaletteGroup {
  name: string;
  /** e.g. "5 of 37" when the group shows only the best hits. */
  count?: string;
  entries: PaletteEntry[];
}

export interface PaletteCommand {
  key: string;
  label: string;
  /** Extra words the command is found by. */
  keywords?: string;
  disabled?: boolean;
  note?: string;
  run: () => void;
}

const plain = (text: string): MarkedSegment[] => [{ text, mark: false }];

function matchesWords(command: PaletteCommand, query: string): boolean {
  const haystack = `${command.label} ${command.keywords ?? ''}`.toLowerCase();
  return query
    .toLowerCase()
    .split(/\s+/)
    .filter(Boolean)
    .every((word) => haystack.includes(word));
}

export function commandGroup(name: string, commands: PaletteCommand[], query: string): PaletteGroup | null {
  const shown = query.trim() ? commands.filter((command) => matchesWords(command, query)) : commands;
  if (shown.length === 0) return null;
  return {
    name,
    entries: shown.map((command) => ({ key: `${name}:${command.key}`, group: name, title: plain(command.label), disabled: command.disabled, note: command.note, run: command.run })),
  };
}

export function hitGroups(result: SearchResult | undefined): PaletteGroup[] {
  if (!result) return [];
  const groups: PaletteGroup[] = [];
  for (const kind of SEARCH_KINDS) {
    const hits = result.hits.filter((hit) => hit.kind === kind);
    if (hits.length === 0) continue;
    const total = result.counts[kind as SearchKind];
    groups.push({
      name: KIND_LABELS[kind].many,
      count: total > hits.length ? `${hits.length} of ${total}` : String(total),
      entries: hits.map((hit) => {
        const href = hitHref(hit);
        return {
          key: `${kind}:${hit.id}`,
          group: KIND_LABELS[kind].many,
          title: hit.title.length > 0 ? hit.title : plain(hit.id),
          detail: hit.snippet,
          facts: hitFacts(hit),
          run: () => {
            window.location.hash = href;
          },
        };
      }),
    });
  }
  return groups;
}

export function seeAllGroup(query: string, total: number): PaletteGroup {
  return {
    name: 'All results',
    entries: [
      {
        key: 'see-all',
        group: 'All results',
        title: plain(`See all ${total} result${total === 1 ? '' : 's'} for “${query.trim()}” with filters`),
        run: () => navigate('search', { q: query.trim() }),
      },
    ],
  };
}

export function searchPageHref(query: string): string {
  return routeHref('search', { q: query.trim() || undefined });
}
