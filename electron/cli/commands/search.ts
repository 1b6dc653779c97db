// `tessera search`: full-text search over a cache's proposals, decisions, comments, ablations and runs,
// as JSON (the API's SearchResult) or as lines with the matched words in «».
import { SEARCH_KINDS, searchInput, type MarkedSegment, type SearchResult } from '../../../shared/api/search-methods';
import { searchLab } from '../../core/search/search';
import { CliUsageError, optionalString, parseIntegerFlag, type CliCommand } from '../cli-command';
import { describeValue } from '../../core/store/store-ids';
import { openExistingCache } from './runs';

function parseKinds(values: Record<string, unknown>): string[] | undefined {
  const raw = optionalString(values, 'kind');
  if (raw === undefined) return undefined;
  const kinds = raw.split(',').map((kind) => kind.trim()).filter(Boolean);
  for (const kind of kinds) {
    if (!(SEARCH_KINDS as readonly string[]).includes(kind)) throw new CliUsageError(`--kind must be a comma-separated list of ${SEARCH_KINDS.join(', ')}, got "${kind}".`);
  }
  return kinds;
}

const marked = (segments: MarkedSegment[]) => segments.map((s) => (s.mark ? `«${s.text}»` : s.text)).join('');

export function formatSearchResult(result: SearchResult, kinds: readonly string[] = SEARCH_KINDS): string {
  const counts = (shown: boolean) =>
    Object.entries(result.counts)
      .filter(([kind, n]) => n > 0 && kinds.includes(kind) === shown)
      .map(([kind, n]) => `${kind} ${n}`)
      .join(', ');
  const others = counts(false);
  const lines = [
    `${result.total} match${result.total === 1 ? '' : 'es'} for ${JSON.stringify(result.query)}${counts(true) ? ` (${counts(true)})` : ''}${others ? `; not shown: ${others}` : ''}`,
  ];
  const kindWidth = Math.max(...SEARCH_KINDS.map((kind) => kind.length));
  const idWidth = Math.max(0, ...result.hits.map((hit) => hit.id.length));
  for (const hit of result.hits) {
    const facts = [hit.area, hit.owner, hit.status, hit.at?.slice(0, 10)].filter(Boolean).join(' · ');
    lines.push(`${hit.kind.padEnd(kindWidth)}  ${hit.id.padEnd(idWidth)}  ${marked(hit.title)}${facts ? `  (${facts})` : ''}`);
    if (hit.snippet.length > 0) lines.push(`${' '.repeat(kindWidth + idWidth + 4)}${marked(hit.snippet)}`);
  }
  return `${lines.join('\n')}\n`;
}

export const searchCommand: CliCommand = {
  name: 'search',
  summary: 'Search what the team proposed, decided, said and ran: ranked, matched words marked.',
  usage: 'tessera search --db FILE QUERY [--kind K,…] [--area A] [--owner ID] [--status S] [--from DATE] [--to DATE] [--limit N] [--json]',
  flagHelp: [
    '--db FILE           SQLite cache synced from a lab store',
    'QUERY               words to find (all of them; the last may be the start of a word); quotes,',
    '                    *, -, :, parentheses, NEAR, AND, OR, NOT are searched as plain text',
    '                    (put -- before a query that starts with -)',
    `--kind K,…          only these kinds: ${SEARCH_KINDS.join(', ')}`,
    '--area A            only this area (a proposal’s, or the linked proposal’s, else the owner’s)',
    '--owner ID          only this owner (author for decisions and comments)',
    '--status S          proposal status, the status a decision set, or a run state (finished, failed, …)',
    '--from DATE --to DATE  created or written in this range, both inclusive (YYYY-MM-DD)',
    '--limit N           at most N results (default 20, at most 500)',
    '--json              print the result as JSON (hits with marked segments, counts per kind)',
  ],
  options: {
    db: { type: 'string' },
    kind: { type: 'string' },
    area: { type: 'string' },
    owner: { type: 'string' },
    status: { type: 'string' },
    from: { type: 'string' },
    to: { type: 'string' },
    limit: { type: 'string' },
    json: { type: 'boolean' },
  },
  allowPositionals: true,
  async run(values, positionals, io) {
    const query = positionals.join(' ').trim();
    if (!query) throw new CliUsageError('Give the words to search for, e.g. tessera search --db cache.sqlite "multi-token head".');
    const parsed = searchInput.safeParse({
      query,
      kinds: parseKinds(values),
      area: optionalString(values, 'area'),
      owner: optionalString(values, 'owner'),
      status: optionalString(values, 'status'),
      from: optionalString(values, 'from'),
      to: optionalString(values, 'to'),
      limit: parseIntegerFlag(values, 'limit', 1, 500) ?? 20,
    });
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      const flag = String(issue.path[0] ?? 'query');
      throw new CliUsageError(`${flag === 'query' ? 'the query' : `--${flag}`}: expected ${issue.message}, got ${describeValue(values[flag] ?? query)}.`);
    }
    if (parsed.data.from && parsed.data.to && parsed.data.to < parsed.data.from) {
      throw new CliUsageError(`--to: ${parsed.data.to} is before --from ${parsed.data.from}.`);
    }
    const cache = openExistingCache(values);
    try {
      const result = searchLab(cache.sqlite, parsed.data);
      io.stdout(values.json === true ? `${JSON.stringify(result, null, 2)}\n` : formatSearchResult(result, parsed.data.kinds));
      return 0;
    } finally {
      cache.close();
    }
  },
};
