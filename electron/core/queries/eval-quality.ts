// How good each eval metric is as a decision tool, over the whole cache: every eval/ key and every key
// under a team.yaml eval suite, grouped by suite, with its noise floor (seed noise of otherwise
// identical ablation runs at matched tokens), minimum detectable effects and small-to-large
// predictivity across ablations. Also the ablation comparison-point reads this needs (per model
// size, in the ablation's compare_at unit), in eval-quality/. The report is kept per cache until
// the data changes.
import type Database from 'better-sqlite3';
import type { EvalQuality, EvalQualityReport, EvalSuiteGroup } from '../../../shared/api/evals-methods';
import {
  classifyEval,
  detectableEffectsOf,
  evalDirection,
  EVAL_QUALITY_RULES,
  noiseFloorOf,
  predictivityOf,
} from '../../../shared/domain/eval-quality';
import {
  evalDataVersion,
  readAblationEvalRuns,
  readAblationSpecs,
  readAblationsMeasuring,
  readEvalSuites,
  readSeriesKeys,
} from './eval-quality/eval-runs';
import { scaleDeltaPairs } from './eval-quality/scale-deltas';
import { seedGroupValues } from './eval-quality/seed-groups';

const KIND_ORDER = { internal: 0, public: 1, unclassified: 2 } as const;

function computeEvalQuality(sqlite: Database.Database): EvalQualityReport {
  const suites = readEvalSuites(sqlite);
  const ablations = readAblationSpecs(sqlite);
  const measuring = readAblationsMeasuring(sqlite);
  const groups = new Map<string, EvalSuiteGroup>();
  for (const { key, runs } of readSeriesKeys(sqlite)) {
    const classification = classifyEval(key, suites);
    if (!classification) continue;
    const ablationRuns = readAblationEvalRuns(sqlite, key);
    const noiseFloor = noiseFloorOf(seedGroupValues(ablationRuns));
    const quality: EvalQuality = {
      metric: key,
      ...classification,
      better: evalDirection(key),
      runs,
      ablationsUsing: ablations.filter((a) => a.metric === key).map((a) => a.id),
      ablationsMeasuring: measuring.get(key) ?? 0,
      noiseFloor,
      detectableEffects: detectableEffectsOf(noiseFloor.std),
      predictivity: predictivityOf(scaleDeltaPairs(ablationRuns, ablations), noiseFloor.std),
    };
    const groupId = classification.suitePrefix ?? '';
    let group = groups.get(groupId);
    if (!group) {
      group = {
        prefix: classification.suitePrefix,
        name: classification.suite ?? 'Unclassified evals',
        kind: classification.kind,
        evals: [],
      };
      groups.set(groupId, group);
    }
    group.evals.push(quality);
  }
  const ordered = [...groups.values()].sort(
    (a, b) => KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || (a.prefix ?? '\uffff').localeCompare(b.prefix ?? '\uffff'),
  );
  return { suites: ordered, rules: EVAL_QUALITY_RULES };
}

const reports = new WeakMap<Database.Database, { version: string; report: EvalQualityReport }>();

/** The eval-quality report, recomputed only when runs, points, ablations or suites changed. */
export function readEvalQuality(sqlite: Database.Database): EvalQualityReport {
  const version = evalDataVersion(sqlite);
  const kept = reports.get(sqlite);
  if (kept && kept.version === version) return kept.report;
  const report = computeEvalQuality(sqlite);
  reports.set(sqlite, { version, report });
  return report;
}

/** One eval of the report, or null when the cache has no such eval metric. */
export function findEvalQuality(report: EvalQualityReport, metric: string): EvalQuality | null {
  for (const suite of report.suites) {
    const found = suite.evals.find((e) => e.metric === metric);
    if (found) return found;
  }
  return null;
}
