// `tessera runs`: the runs in a cache, as JSON or a table.
import fs from 'node:fs';
import path from 'node:path';
import { openCacheDatabase } from '../../core/db/open-cache-database';
import { listRunSummaries, type RunSummary } from '../../core/queries/runs/run-summaries';
import { CliUsageError, requireString, type CliCommand } from '../cli-command';
import { cliAppRoot } from '../cli-runtime';

function compact(n: number | null): string {
  if (n === null) return '–';
  const units: Array<[number, string]> = [[1e12, 'T'], [1e9, 'B'], [1e6, 'M'], [1e3, 'k']];
  const [scale, suffix] = units.find(([s]) => Math.abs(n) >= s) ?? [1, ''];
  return `${Number((n / scale).toPrecision(3))}${suffix}`;
}

export function formatRunsTable(runs: RunSummary[]): string {
  const header = ['id', 'name', 'group', 'status', 'params', 'tokens', 'metrics'];
  const rows = runs.map((r) => [r.id, r.name ?? '', r.group ?? '', r.stale ? 'stale' : (r.status ?? ''), compact(r.params), compact(r.tokens), String(r.metrics.length)]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd();
  return `${[line(header), ...rows.map(line)].join('\n')}\n`;
}

export function openExistingCache(values: Record<string, unknown>) {
  const file = requireString(values, 'db');
  if (!fs.existsSync(file)) throw new CliUsageError(`--db ${file}: no such cache file (sync a lab store into it first).`);
  return openCacheDatabase({ file, migrationsDir: path.join(cliAppRoot(), 'migrations') });
}

export const runsCommand: CliCommand = {
  name: 'runs',
  summary: 'List the runs in a cache: id, name, group, status, params, tokens and metric names.',
  usage: 'tessera runs --db FILE [--json]',
  flagHelp: ['--db FILE           SQLite cache synced from a lab store', '--json              print the runs as a JSON array'],
  options: { db: { type: 'string' }, json: { type: 'boolean' } },
  async run(values, _positionals, io) {
    const cache = openExistingCache(values);
    try {
      const runs = listRunSummaries(cache.sqlite);
      io.stdout(values.json === true ? `${JSON.stringify(runs, null, 2)}\n` : formatRunsTable(runs));
      return 0;
    } finally {
      cache.close();
    }
  },
};
