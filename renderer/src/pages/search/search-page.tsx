// The search page (#/search?q=…): every match in the lab for a query, ranked, with filters by kind,
// area, owner, status and date kept in the URL. The palette's "See all results" leads here.
import { keepPreviousData } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { SEARCH_KINDS, type SearchHit, type SearchKind } from '../../../../shared/api/search-methods';
import { useApiQuery } from '../../api/use-api';
import { updateParams, useRoute } from '../../app/router';
import { useDebouncedValue } from '../../components/command-palette/use-debounced-value';
import { MarkedText } from '../../components/marked-text';
import { PageHeader } from '../../components/page-header';
import { hitFacts, hitHref, KIND_LABELS } from '../../components/search-links';
import { EmptyState, ErrorPanel, LoadingState } from '../../components/state-views';
import { SearchFilters, type SearchFilterValues } from './search-filters';
import './search-page.css';

/** Hits per step: each is a snippet of its text, so the first screen stays quick; "Show more" adds a step. */
const STEP = 50;
const MAX_HITS = 500;

function readFilters(params: URLSearchParams): SearchFilterValues {
  const kinds = (params.get('kinds') ?? '').split(',').filter((kind): kind is SearchKind => (SEARCH_KINDS as readonly string[]).includes(kind));
  const value = (key: string) => params.get(key) || undefined;
  return { kinds, area: value('area'), owner: value('owner'), status: value('status'), from: value('from'), to: value('to') };
}

function SearchHitRow({ hit }: { hit: SearchHit }) {
  return (
    <li className="search-hit" data-testid="search-hit">
      <div className="row search-hit-head">
        <span className="badge">{KIND_LABELS[hit.kind].one}</span>
        <a href={hitHref(hit)} className="search-hit-title">
          <MarkedText segments={hit.title} fallback={hit.id} />
        </a>
        <span className="muted search-hit-id">{hit.kind === 'decision' || hit.kind === 'comment' ? '' : hit.id}</span>
      </div>
      {hit.snippet.length > 0 && (
        <div className="search-hit-snippet">
          <MarkedText segments={hit.snippet} />
        </div>
      )}
      <div className="muted search-hit-facts">{hitFacts(hit)}</div>
    </li>
  );
}

export function SearchPage() {
  const { params } = useRoute();
  const urlQuery = params.get('q') ?? '';
  const [text, setText] = useState(urlQuery);
  const settled = useDebouncedValue(text.trim(), 200);
  useEffect(() => setText(urlQuery), [urlQuery]);
  useEffect(() => {
    if (settled !== urlQuery.trim()) updateParams({ q: settled || undefined });
  }, [settled, urlQuery]);

  const filters = readFilters(params);
  // A "to" before "from" can match nothing: say so here instead of asking the core.
  const backwards = filters.from !== undefined && filters.to !== undefined && filters.to < filters.from;
  const query = urlQuery.trim();
  const [limit, setLimit] = useState(STEP);
  const paramsKey = params.toString();
  useEffect(() => setLimit(STEP), [paramsKey]);
  const result = useApiQuery(
    'search',
    {
      query,
      kinds: filters.kinds.length > 0 ? filters.kinds : undefined,
      area: filters.area,
      owner: filters.owner,
      status: filters.status,
      from: filters.from,
      to: filters.to,
      limit,
    },
    { enabled: query.length > 0 && !backwards, placeholderData: keepPreviousData },
  );

  return (
    <div className="page search-page">
      <PageHeader title="Search" subtitle="What the team proposed, decided, said and ran">
        <span className="muted">
          <kbd>Ctrl</kbd>/<kbd>⌘</kbd> <kbd>K</kbd> searches from any page
        </span>
      </PageHeader>
      <div className="panel search-controls">
        <input
          className="input search-input"
          type="search"
          aria-label="Search the lab"
          placeholder="Words to find, e.g. multi-token warmup"
          value={text}
          onChange={(event) => setText(event.target.value)}
          autoFocus
        />
        <SearchFilters values={filters} counts={result.data?.counts} onChange={(patch) => updateParams(patch)} />
      </div>
      {backwards ? (
        <div className="error-panel" role="alert" data-testid="search-dates-backwards">
          The “To” date ({filters.to}) is before the “From” date ({filters.from}): nothing can match. Change one of them.
        </div>
      ) : !query ? (
        <EmptyState title="Type what you are looking for">Every word must occur; the last one may be the start of a word. Quotes and symbols are searched as plain text.</EmptyState>
      ) : result.error ? (
        <ErrorPanel error={result.error} title="Search failed" />
      ) : !result.data ? (
        <LoadingState what="results" />
      ) : result.data.total === 0 ? (
        <EmptyState title={`Nothing matches “${query}”`}>Try fewer words, or clear a filter.</EmptyState>
      ) : (
        <section className="panel" aria-label="Results">
          <div className="muted search-summary" role="status">
            {result.data.total} result{result.data.total === 1 ? '' : 's'}
            {result.data.total > result.data.hits.length && `, the best ${result.data.hits.length} shown`}
          </div>
          <ol className="search-hits">
            {result.data.hits.map((hit) => (
              <SearchHitRow key={`${hit.kind}:${hit.id}`} hit={hit} />
            ))}
          </ol>
          {result.data.total > result.data.hits.length && limit < MAX_HITS && (
            <button className="btn" onClick={() => setLimit((n) => Math.min(MAX_HITS, n + STEP))} disabled={result.isFetching}>
              Show {Math.min(STEP, result.data.total - result.data.hits.length)} more
            </button>
          )}
        </section>
      )}
    </div>
  );
}
