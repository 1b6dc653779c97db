// `tessera split`: the critical-path versus exploratory split of the team's work, from the cache.
import fs from 'node:fs';
import path from 'node:path';
import { openCacheDatabase } from '../../core/db/open-cache-database';
import { readWorkSplitInput } from '../../core/queries/work-split-input';
import { utcToday } from '../../core/api/team-handlers';
import { balanceNow, computeWorkSplit, InvalidSplitOptionsError, type BalanceNow, type WorkSplit } from '../../../shared/worksplit';
import { CliUsageError, optionalString, parseChoiceFlag, requireString, type CliCommand } from '../cli-command';
import { cliAppRoot } from '../cli-runtime';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

function dayFlag(values: Record<string, unknown>, flag: string): string | undefined {
  const value = optionalString(values, flag);
  if (value !== undefined && !DAY.test(value)) throw new CliUsageError(`--${flag} must be a date YYYY-MM-DD, got "${value}".`);
  return value;
}

function percent(share: number | null): string {
  return share === null ? '–' : `${Math.round(share * 100)} %`;
}

function pad(cells: string[], widths: number[], rightAligned: boolean[]): string {
  return cells.map((cell, i) => (rightAligned[i] ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!))).join('  ').trimEnd();
}

function table(header: string[], rows: string[][], rightAligned: boolean[]): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  return [pad(header, widths, rightAligned), ...rows.map((row) => pad(row, widths, rightAligned))];
}

/** The split as a person reads it: one row per bucket, then the phases and the balance now. */
export function formatSplitTable(split: WorkSplit, balance: BalanceNow): string {
  const unit = split.measure === 'compute' ? 'chip-hours' : 'person-weeks';
  const amount = (n: number) => (split.measure === 'compute' ? Math.round(n).toLocaleString('en-US') : n.toFixed(2));
  const lines = [`Work split by ${split.by}, in ${unit}, ${split.from} to ${split.to} (today ${split.today})`, ''];
  const byWeek = split.by === 'week';
  const byPerson = split.by === 'person';
  const header = [
    byWeek ? 'Week' : byPerson ? 'Person' : 'Area',
    ...(byWeek ? ['Starts', 'Phase', 'Target'] : []),
    'Critical path', 'Exploratory', 'Total', 'Exploratory share',
    ...(byPerson ? ['Weeks over 100 %', 'Weeks under 50 %'] : []),
  ];
  const rows = split.buckets.map((b, i) => {
    const week = split.weeks[i]!;
    const lead = byWeek ? [b.key, week.start, week.phase ?? '–', percent(week.target)] : [b.label];
    const load = split.people.find((p) => p.person === b.key)?.weeks ?? [];
    const flags = byPerson ? [String(load.filter((w) => w.flag === 'over').length), String(load.filter((w) => w.flag === 'under').length)] : [];
    return [...lead, amount(b.criticalPath), amount(b.exploratory), amount(b.total), percent(b.exploratoryShare), ...flags];
  });
  const firstNumber = byWeek ? 3 : 1;
  lines.push(...table(header, rows, header.map((_, i) => i >= firstNumber && !(byWeek && i < 3))));
  if (split.phases.length > 0) {
    lines.push('', 'Phases');
    const phaseRows = split.phases.map((p) => [p.name, `${p.start} to ${p.end}`, `target ${percent(p.target)}`, `actual ${percent(p.exploratoryShare)}`]);
    lines.push(...table(['Phase', 'Dates', 'Target', 'Actual'], phaseRows, [false, false, true, true]).slice(1).map((l) => `  ${l}`));
  }
  if (split.measure === 'compute' && split.unclassified.chipHours > 0) {
    lines.push('', `Not counted: ${amount(split.unclassified.chipHours)} chip-hours of ${split.unclassified.runs.length} run(s) linked to no known proposal.`);
  }
  lines.push('', `Balance now: ${balance.sentence}`, '');
  return lines.join('\n');
}

export const splitCommand: CliCommand = {
  name: 'split',
  summary: 'Critical-path versus exploratory work by week, area or person, against the phase targets.',
  usage: 'tessera split --db FILE --by week|area|person [--measure people|compute] [--today YYYY-MM-DD] [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--json]',
  flagHelp: [
    '--db FILE           SQLite cache synced from the lab store',
    '--by KEY            week, area or person',
    '--measure M         people (person-weeks, default) or compute (chip-hours of the linked runs)',
    '--today DATE        count work up to this UTC day (default: today)',
    '--from DATE         start with the ISO week holding this day (default: the earliest proposal or run)',
    '--to DATE           end with the ISO week holding this day (default: today)',
    '--json              print the whole split as JSON (buckets, weeks, phases, person table, issues)',
  ],
  options: {
    db: { type: 'string' },
    by: { type: 'string' },
    measure: { type: 'string' },
    today: { type: 'string' },
    from: { type: 'string' },
    to: { type: 'string' },
    json: { type: 'boolean' },
  },
  async run(values, _positionals, io) {
    const file = requireString(values, 'db');
    const by = parseChoiceFlag(values, 'by', ['week', 'area', 'person'] as const);
    if (by === undefined) throw new CliUsageError('--by is required: week, area or person.');
    const measure = parseChoiceFlag(values, 'measure', ['people', 'compute'] as const) ?? 'people';
    const today = dayFlag(values, 'today') ?? utcToday();
    const from = dayFlag(values, 'from');
    const to = dayFlag(values, 'to');
    if (!fs.existsSync(file)) throw new CliUsageError(`--db ${file}: no such cache file (sync a lab store into it first).`);
    const cache = openCacheDatabase({ file, migrationsDir: path.join(cliAppRoot(), 'migrations') });
    let split: WorkSplit;
    let balance: BalanceNow;
    try {
      const input = readWorkSplitInput(cache.sqlite);
      split = computeWorkSplit(input, { by, measure, today, from, to });
      balance = balanceNow(input, today, measure);
    } catch (error) {
      if (error instanceof InvalidSplitOptionsError) throw new CliUsageError(error.message.replace(/options\./g, '--'));
      throw error;
    } finally {
      cache.close();
    }
    for (const issue of split.issues) io.stderr(`${issue.where}: ${issue.message}\n`);
    io.stdout(values.json === true ? `${JSON.stringify(split, null, 2)}\n` : formatSplitTable(split, balance));
    return 0;
  },
};
