// The alerts a person is told about: those of the runs they watch (directly, by group, ablation or
// proposal, or as the runs they own), each with whether to notify them — live, and not within their
// quiet period after the same alert (run, metric, rule) was last notified.
import type Database from 'better-sqlite3';
import { alertSeverity, type AlertRule } from '../../../../shared/alerts/alert-rules';
import type { AlertInfo, AlertList } from '../../../../shared/api/alerts-methods';
import type { alerts } from '../../db/schema';
import { readAlertPreferences } from './watches';

export interface AlertQuery {
  person: string;
  scope: 'mine' | 'all';
  ids?: number[];
  since?: string;
  runId?: string;
  rules?: AlertRule[];
  includeSuperseded: boolean;
  limit: number;
}

/**
 * A row of the query below: the alerts table's own row (its type from the drizzle schema; booleans
 * come back from raw SQL as 0/1), then what the join adds.
 */
type AlertRow = Omit<typeof alerts.$inferSelect, 'rule' | 'live' | 'superseded'> & {
  rule: AlertRule;
  live: number;
  superseded: number;
  runName: string | null;
  owner: string | null;
  groupName: string | null;
  ablation: string | null;
  proposal: string | null;
  runState: string | null;
  mine: number;
  quieted: number;
};

const WATCHED = `(EXISTS (SELECT 1 FROM watches w WHERE w.person = @person AND (
      (w.kind = 'run' AND w.target = a.run_id) OR (w.kind = 'group' AND w.target = r.group_name) OR
      (w.kind = 'ablation' AND w.target = r.ablation) OR (w.kind = 'proposal' AND w.target = r.proposal)))
    OR (@ownRuns = 1 AND @person <> '' AND r.owner = @person))`;

function filters(query: AlertQuery): string {
  const where = [query.scope === 'mine' ? WATCHED : '1'];
  if (!query.includeSuperseded) where.push('a.superseded = 0');
  if (query.ids) where.push('a.pk IN (SELECT value FROM json_each(@ids))');
  if (query.since) where.push('julianday(a.fired_at) >= julianday(@since)');
  if (query.runId) where.push('a.run_id = @runId');
  if (query.rules) where.push('a.rule IN (SELECT value FROM json_each(@rules))');
  return where.join(' AND ');
}

export function listAlerts(sqlite: Database.Database, query: AlertQuery): AlertList {
  const prefs = readAlertPreferences(sqlite, query.person);
  const params = {
    person: query.person,
    ownRuns: prefs.ownRuns ? 1 : 0,
    quiet: prefs.quietMinutes,
    ids: JSON.stringify(query.ids ?? []),
    since: query.since ?? '',
    runId: query.runId ?? '',
    rules: JSON.stringify(query.rules ?? []),
    limit: query.limit,
  };
  const where = filters(query);
  const from = 'FROM alerts a LEFT JOIN runs r ON r.id = a.run_id';
  const total = sqlite.prepare(`SELECT count(*) ${from} WHERE ${where}`).pluck().get(params) as number;
  const rows = sqlite
    .prepare(
      `SELECT a.pk, a.run_id AS runId, a.metric, a.rule, a.step, a.value, a.level, a.threshold, a.detail_json AS detailJson,
         a.point_time AS pointTime, a.fired_at AS firedAt, a.live, a.superseded, r.name AS runName, r.owner, r.group_name AS groupName,
         r.ablation, r.proposal, r.state AS runState, ${WATCHED} AS mine,
         EXISTS (SELECT 1 FROM alerts p WHERE p.run_id = a.run_id AND p.metric = a.metric AND p.rule = a.rule AND p.live = 1
           AND p.pk < a.pk AND (julianday(a.fired_at) - julianday(p.fired_at)) * 1440 < @quiet) AS quieted
       ${from} WHERE ${where} ORDER BY a.pk DESC LIMIT @limit`,
    )
    .all(params) as AlertRow[];
  return { person: query.person === '' ? null : query.person, scope: query.scope, total, alerts: rows.map(toAlertInfo) };
}

function toAlertInfo(row: AlertRow): AlertInfo {
  const detail = JSON.parse(row.detailJson) as Record<string, number | string>;
  const { nonFinite, ...rest } = detail;
  return {
    id: row.pk,
    runId: row.runId,
    runName: row.runName,
    owner: row.owner,
    group: row.groupName,
    ablation: row.ablation,
    proposal: row.proposal,
    metric: row.metric === '' ? null : row.metric,
    rule: row.rule,
    step: row.step < 0 ? null : row.step,
    value: nonFinite !== undefined ? String(nonFinite) : row.value,
    level: row.level,
    threshold: row.threshold,
    detail: rest,
    happenedAt: row.pointTime === null ? null : new Date(row.pointTime * 1000).toISOString(),
    firedAt: row.firedAt,
    severity: alertSeverity(row.rule, typeof rest.state === 'string' ? rest.state : row.runState),
    live: row.live === 1,
    superseded: row.superseded === 1,
    notify: row.live === 1 && row.superseded === 0 && row.mine === 1 && row.quieted === 0,
  };
}
