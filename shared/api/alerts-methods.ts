// Methods of the Alerts page and the notifications: what fired on what a person watches, and what
// they watch. The person is the caller's identity: on a team server the token's person, whatever the
// input says; elsewhere the "Who am I" of the calling browser or window, sent as `person` with each call.
import { z } from 'zod';
import { ALERT_RULES, type AlertRule } from '../alerts/alert-rules';
import { defineMethod } from './define-method';

export const WATCH_KINDS = ['run', 'group', 'ablation', 'proposal'] as const;
export type WatchKind = (typeof WATCH_KINDS)[number];

export interface AlertInfo {
  id: number;
  runId: string;
  runName: string | null;
  owner: string | null;
  group: string | null;
  ablation: string | null;
  proposal: string | null;
  /** Null for a rule about the whole run (stalled, ended). */
  metric: string | null;
  rule: AlertRule;
  /** The step it fired at (the run's last step for a stall or an end); null when the run had logged none. */
  step: number | null;
  /** The value there: a number, or "NaN", "Infinity", "-Infinity"; minutes of silence for a stall. */
  value: number | string | null;
  /** What it was compared against (robust level, lowest trailing level, usual interval in seconds). */
  level: number | null;
  /** The value it had to exceed (minutes allowed, for a stall). */
  threshold: number | null;
  detail: Record<string, number | string>;
  /** When the line was logged (or the run went silent), ISO; null when the store says no time. */
  happenedAt: string | null;
  firedAt: string;
  severity: 'critical' | 'warning' | 'info';
  /** Found by a later pass (not history met on the cache's first sync). */
  live: boolean;
  /** A restart or a rewritten file took the point away since. */
  superseded: boolean;
  /** The caller is to be notified: live, theirs, and not within their quiet period after the same alert of the run. */
  notify: boolean;
}

export interface WatchInfo {
  kind: WatchKind;
  target: string;
  /** The run's name, group, ablation title or proposal title, when the cache knows it. */
  label: string | null;
  at: string;
}

export interface AlertSettings {
  /** Whose settings these are; null when the app has not been told who you are. */
  person: string | null;
  ownRuns: boolean;
  quietMinutes: number;
  watches: WatchInfo[];
}

export interface AlertList {
  person: string | null;
  /** 'mine' lists what the person watches; 'all' every alert of the lab. */
  scope: 'mine' | 'all';
  total: number;
  alerts: AlertInfo[];
}

const id = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/, 'an id');
const target = z.string().min(1).max(200);
/** The calling window's "Who am I"; a team server takes the token's person instead. */
const person = id.optional();

export const alertsMethods = {
  listAlerts: defineMethod<AlertList>()({
    input: z
      .object({
        scope: z.enum(['mine', 'all']).default('mine'),
        /** Only these alerts (what a push announced). */
        ids: z.array(z.number().int().min(1)).max(5000).optional(),
        since: z.string().datetime({ offset: true }).optional(),
        runId: id.optional(),
        rules: z.array(z.enum(ALERT_RULES)).max(ALERT_RULES.length).optional(),
        includeSuperseded: z.boolean().default(false),
        limit: z.number().int().min(1).max(5000).default(200),
        person,
      })
      .strict(),
    caller: 'person',
  }),
  getAlertSettings: defineMethod<AlertSettings>()({ input: z.object({ person }).strict(), caller: 'person' }),
  setAlertSettings: defineMethod<AlertSettings>()({
    input: z.object({ ownRuns: z.boolean().optional(), quietMinutes: z.number().int().min(0).max(7 * 24 * 60).optional(), person }).strict(),
    writes: true,
    caller: 'person',
  }),
  watch: defineMethod<AlertSettings>()({ input: z.object({ kind: z.enum(WATCH_KINDS), target, person }).strict(), writes: true, caller: 'person' }),
  unwatch: defineMethod<AlertSettings>()({ input: z.object({ kind: z.enum(WATCH_KINDS), target, person }).strict(), writes: true, caller: 'person' }),
};
