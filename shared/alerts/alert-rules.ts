// The alert rules, their thresholds and the sentence the app shows for each: one place, so what the
// detectors do and what the Alerts page says they do cannot drift apart.

export const ALERT_RULES = ['non-finite', 'spike', 'spike-storm', 'divergence', 'stalled', 'run-ended'] as const;
export type AlertRule = (typeof ALERT_RULES)[number];

/** The defaults the sync runs with. Window lengths count points (logged values) of one series. */
export const DETECTOR_THRESHOLDS = {
  nonFinite: {
    /** A non-finite value opens a new alert only after this many finite points in a row. */
    rearmPoints: 16,
  },
  spike: {
    /** The trailing window whose median and interquartile range are the run's recent robust level and noise. */
    windowPoints: 32,
    /** No verdict before the window holds this many finite values. */
    minPoints: 8,
    /** A spike is above the level by at least this many robust standard deviations (IQR / 1.349)… */
    noiseFactor: 6,
    /** …and by at least this fraction of the level… */
    levelFraction: 0.05,
    /** …and comes back below that threshold within this many points (else the level moved: no spike). */
    backWithinPoints: 100,
  },
  storm: {
    /** This many spikes… */
    spikes: 3,
    /** …within this many points make a storm. */
    withinPoints: 500,
  },
  divergence: {
    /** The trailing level: the median of the last few points (robust to one or two spikes). */
    levelPoints: 5,
    /** The stretch looked back over for the level's lowest point. */
    stretchPoints: 128,
    /** The level must have been rising for at least this many points… */
    minRisePoints: 5,
    /** …by at least this many robust standard deviations of the noise at its lowest point… */
    noiseFactor: 6,
    /** …and this fraction of that lowest level; still climbing (a new high, and its second half rising). */
    levelFraction: 0.03,
  },
  stall: {
    /** A running run is stalled when its last line is older than this many of its usual intervals… */
    intervalFactor: 10,
    /** …and older than this in any case: the hour after which the app shows a running run as stale
     *  (lab-store.md), so a run the app still shows as running is never called stalled. */
    minMinutes: 60,
    /** The usual interval is the median gap between the times of its last lines (this many). */
    intervalLines: 32,
    /** A run that logs no `time` falls back to its status.json's updated_at and this limit (stale). */
    noTimeMinutes: 60,
  },
  /** On a cache's first sync, what happened longer ago than this is history: listed, never notified. */
  liveHorizonMinutes: 60,
  /** On a first sync a stalled run is still notified when it went silent less than this long ago. */
  stallLiveHorizonMinutes: 24 * 60,
} as const;

/** Metrics the spike and divergence rules watch: losses and their kin (every metric is watched for NaN). */
export function isLossLikeMetric(key: string): boolean {
  return /(loss|perplexity|ppl|nll|bpb)/i.test(key);
}

const t = DETECTOR_THRESHOLDS;

export interface AlertRuleText {
  title: string;
  rule: string;
}

/** What each rule means, with its thresholds, as the Alerts page states it. */
export const ALERT_RULE_TEXT: Record<AlertRule, AlertRuleText> = {
  'non-finite': {
    title: 'Non-finite value',
    rule: `Any metric logs NaN, Infinity or −Infinity. One alert per metric until it has logged ${t.nonFinite.rearmPoints} finite values in a row again.`,
  },
  spike: {
    title: 'Loss spike',
    rule:
      `A loss-like metric (loss, perplexity, NLL, bits per byte) jumps above its recent level — the median of its last ` +
      `${t.spike.windowPoints} points — by more than ${t.spike.noiseFactor}× the noise there (its interquartile range / 1.349) and more than ` +
      `${t.spike.levelFraction * 100} % of the level, and comes back below that within ${t.spike.backWithinPoints} points ` +
      `(a loss that stays up is a divergence, not a spike). It is reported at the step it jumped; one that lasts several points counts once.`,
  },
  'spike-storm': {
    title: 'Spike storm',
    rule: `${t.storm.spikes} or more spikes of one metric within ${t.storm.withinPoints} points.`,
  },
  divergence: {
    title: 'Divergence',
    rule:
      `The trailing level of a loss-like metric (median of its last ${t.divergence.levelPoints} points) has climbed for at least ` +
      `${t.divergence.minRisePoints} points to more than ${t.divergence.noiseFactor}× the noise and ${t.divergence.levelFraction * 100} % ` +
      `above its lowest level of the last ${t.divergence.stretchPoints} points, and is still rising.`,
  },
  stalled: {
    title: 'Stalled run',
    rule:
      `A run whose status is running has written no line for more than ${t.stall.intervalFactor}× its usual logging interval ` +
      `(the median gap of its last ${t.stall.intervalLines} lines) and at least ${t.stall.minMinutes} minutes, when it shows as stale; without times in its ` +
      `lines, its status.json's updated_at is more than ${t.stall.noTimeMinutes} minutes old.`,
  },
  'run-ended': {
    title: 'Run ended',
    rule: 'A run finished, failed or was killed (its status.json changed to say so).',
  },
};

/** How bad it is: what the list colours and sorts by. */
export function alertSeverity(rule: AlertRule, state?: string | null): 'critical' | 'warning' | 'info' {
  if (rule === 'non-finite' || rule === 'divergence') return 'critical';
  if (rule === 'run-ended') return state === 'finished' ? 'info' : 'warning';
  if (rule === 'spike') return 'info';
  return 'warning';
}
