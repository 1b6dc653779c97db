// One alert in words: the notification's title and body, the CLI's line, the list's row. The same
// text everywhere, so a notification and the Alerts page never tell the same event two ways.
import type { AlertInfo } from '../api/alerts-methods';
import { ALERT_RULE_TEXT } from './alert-rules';

export type AlertWords = Pick<AlertInfo, 'runId' | 'runName' | 'metric' | 'rule' | 'step' | 'value' | 'level' | 'threshold' | 'detail'>;

const num = (value: number | null | undefined, digits = 4) => (value === null || value === undefined ? '?' : Number(value.toPrecision(digits)).toString());

function duration(minutes: number): string {
  if (minutes < 120) return `${Math.round(minutes)} min`;
  if (minutes < 48 * 60) return `${(minutes / 60).toFixed(1)} h`;
  return `${(minutes / 1440).toFixed(1)} days`;
}

function interval(seconds: number): string {
  return seconds < 120 ? `${Math.round(seconds)} s` : duration(seconds / 60);
}

export function runLabelOf(alert: Pick<AlertInfo, 'runId' | 'runName'>): string {
  return alert.runName && alert.runName !== alert.runId ? `${alert.runId} (${alert.runName})` : alert.runId;
}

/** The headline: which run, what happened. */
export function alertTitle(alert: AlertWords): string {
  const run = alert.runId;
  const metric = alert.metric ?? '';
  switch (alert.rule) {
    case 'non-finite':
      return `${run}: ${metric} is ${alert.value ?? 'NaN'}`;
    case 'spike':
      return `${run}: ${metric} spiked`;
    case 'spike-storm':
      return `${run}: spike storm in ${metric}`;
    case 'divergence':
      return `${run}: ${metric} is diverging`;
    case 'stalled':
      return `${run} has stalled`;
    case 'run-ended':
      return `${run} ${String(alert.detail.state ?? 'ended')}`;
  }
}

/** The facts behind it: step, value, what it was compared with. */
export function alertBody(alert: AlertWords): string {
  const at = alert.step !== null ? `step ${alert.step}` : 'no step logged';
  const d = alert.detail;
  switch (alert.rule) {
    case 'non-finite':
      return `${alert.value ?? 'NaN'} at ${at}`;
    case 'spike':
      return `${num(alert.value as number)} at ${at}: above its level ${num(alert.level)} by more than the threshold (${num(alert.threshold)})`;
    case 'spike-storm':
      return `${num(d.spikes as number, 3)} spikes since step ${String(d.fromStep)}, the latest ${num(alert.value as number)} at ${at}`;
    case 'divergence':
      return `trailing level ${num(d.trailingLevel as number)} at ${at}, up from ${num(alert.level)} at step ${String(d.fromStep)} (threshold ${num(alert.threshold)})`;
    case 'stalled': {
      const usual = alert.level !== null ? `usually a line every ${interval(alert.level)}, ` : '';
      return `no line for ${duration(Number(alert.value))} (${usual}${num(alert.threshold, 3)} min allowed); last at ${at}`;
    }
    case 'run-ended':
      return d.message ? `${String(d.message)} (${at})` : `at ${at}`;
  }
}

export function alertRuleTitle(alert: Pick<AlertInfo, 'rule'>): string {
  return ALERT_RULE_TEXT[alert.rule].title;
}

/** Alerts of one run that fired at one step by one rule on several metrics (NaN everywhere at once) make one notification. */
export function notificationsOf(alerts: AlertInfo[]): Array<{ tag: string; title: string; body: string; alertId: number }> {
  const groups = new Map<string, AlertInfo[]>();
  for (const alert of alerts.filter((a) => a.notify)) {
    const key = `${alert.runId}|${alert.rule}|${alert.step ?? ''}`;
    groups.set(key, [...(groups.get(key) ?? []), alert]);
  }
  return [...groups.entries()].map(([key, group]) => {
    const first = group[0]!;
    const others = group.length > 1 ? ` (and ${group.slice(1).map((a) => a.metric).join(', ')})` : '';
    return { tag: `tessera-alert:${key}`, title: alertTitle(first), body: `${alertBody(first)}${others}`, alertId: first.id };
  });
}
