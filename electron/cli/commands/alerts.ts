// `tessera alerts`: what the detectors found, as a table or JSON: run, metric, step, rule and values.
import type Database from 'better-sqlite3';
import { ALERT_RULES, type AlertRule } from '../../../shared/alerts/alert-rules';
import { alertBody, alertTitle } from '../../../shared/alerts/alert-text';
import type { AlertInfo } from '../../../shared/api/alerts-methods';
import { listAlerts } from '../../core/queries/alerts/list-alerts';
import { CliUsageError, optionalString, parseIntegerFlag, type CliCommand } from '../cli-command';
import { openExistingCache } from './runs';

const UNITS: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000 };

/** --since: an ISO time, or a span back from now such as 30m, 12h, 7d. */
export function parseSince(text: string, now = Date.now()): string {
  const span = /^(\d+)([mhd])$/.exec(text);
  if (span) return new Date(now - Number(span[1]) * UNITS[span[2]!]!).toISOString();
  const ms = Date.parse(text);
  if (!/^\d{4}-\d{2}-\d{2}/.test(text) || Number.isNaN(ms)) {
    throw new CliUsageError(`--since must be an ISO time (2026-11-20T08:00:00Z) or a span such as 30m, 12h, 7d; got "${text}".`);
  }
  return new Date(ms).toISOString();
}

function parseRules(text: string | undefined): AlertRule[] | undefined {
  if (text === undefined) return undefined;
  const rules = text.split(',').map((r) => r.trim());
  const unknown = rules.filter((r) => !(ALERT_RULES as readonly string[]).includes(r));
  if (unknown.length > 0) throw new CliUsageError(`--rule: unknown rule ${unknown.join(', ')}; the rules are ${ALERT_RULES.join(', ')}.`);
  return rules as AlertRule[];
}

/** One alert on one line: when, run, metric, step, rule, value, and what it means. */
export function formatAlertLine(alert: AlertInfo): string {
  const when = alert.firedAt.slice(0, 16).replace('T', ' ');
  const value = typeof alert.value === 'number' ? String(Number(alert.value.toPrecision(5))) : (alert.value ?? '–');
  const cells = [when, alert.runId, alert.metric ?? '–', alert.step === null ? '–' : String(alert.step), alert.rule, value];
  return `${cells.join('  ')}  ${alertTitle(alert)}: ${alertBody(alert)}${alert.superseded ? ' [superseded by a restart or rewrite]' : ''}`;
}

/** The alerts with these ids, every one (the CLI has no person to filter by). */
export function alertsWithIds(sqlite: Database.Database, ids: number[]): AlertInfo[] {
  if (ids.length === 0) return [];
  return listAlerts(sqlite, { person: '', scope: 'all', ids, includeSuperseded: false, limit: 5000 }).alerts.reverse();
}

export const alertsCommand: CliCommand = {
  name: 'alerts',
  summary: 'List what the alert detectors found: NaN, spikes and spike storms, divergence, stalled and ended runs.',
  usage: 'tessera alerts --db FILE [--since T] [--rule R,…] [--run ID] [--person ID] [--superseded] [--limit N] [--json]',
  flagHelp: [
    '--db FILE           SQLite cache synced from a lab store',
    '--since T           only alerts found since T: an ISO time, or a span back from now (30m, 12h, 7d)',
    `--rule R,…          only these rules (${ALERT_RULES.join(', ')})`,
    '--run ID            only this run',
    '--person ID         only alerts of what this person watches (the runs they own, and their watches)',
    '--superseded        also alerts whose point a restart or a rewritten file took away',
    '--limit N           at most N alerts, newest first (default 1000)',
    '--json              print the alerts as a JSON array',
  ],
  options: {
    db: { type: 'string' },
    since: { type: 'string' },
    rule: { type: 'string' },
    run: { type: 'string' },
    person: { type: 'string' },
    superseded: { type: 'boolean' },
    limit: { type: 'string' },
    json: { type: 'boolean' },
  },
  async run(values, _positionals, io) {
    const sinceText = optionalString(values, 'since');
    const since = sinceText === undefined ? undefined : parseSince(sinceText);
    const rules = parseRules(optionalString(values, 'rule'));
    const limit = parseIntegerFlag(values, 'limit', 1, 100_000) ?? 1000;
    const person = optionalString(values, 'person');
    const cache = openExistingCache(values);
    try {
      const list = listAlerts(cache.sqlite, {
        person: person ?? '',
        scope: person === undefined ? 'all' : 'mine',
        since,
        rules,
        runId: optionalString(values, 'run'),
        includeSuperseded: values.superseded === true,
        limit,
      });
      const alerts = list.alerts.reverse();
      if (values.json === true) {
        io.stdout(`${JSON.stringify(alerts.map(({ notify: _notify, ...alert }) => alert), null, 2)}\n`);
      } else {
        for (const alert of alerts) io.stdout(`${formatAlertLine(alert)}\n`);
        io.stderr(`${list.total} alert${list.total === 1 ? '' : 's'}${list.total > alerts.length ? `, the newest ${alerts.length} shown (--limit)` : ''}.\n`);
      }
      return 0;
    } finally {
      cache.close();
    }
  },
};
