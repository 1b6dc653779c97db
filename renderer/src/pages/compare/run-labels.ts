// Labels for the runs of a comparison that tell them apart. A run's label is its name (with its seed when
// it is one of an ablation variant's seeds); when several selected runs share that label, each gets the
// fields that differ between them — the fewest that make every label unique, tried in the order a
// researcher reads them (variant, seed, data mixture, architecture, size, …, then the config keys that
// differ), and the run id when nothing else does.
import type { ConfigDiff, ConfigValue, RunRow } from '../../../../shared/domain/run-views';
import { formatCount } from '../../components/series-chart/chart-format';

export function runLabel(run: RunRow | undefined, runId: string): string {
  if (!run) return runId;
  const name = run.name ?? run.id;
  return run.seed !== null && run.variant ? `${name} (seed ${run.seed})` : name;
}

interface Field {
  /** The field's text for a run; null when the run has none. */
  text(run: RunRow): string | null;
}

const field = (text: (run: RunRow) => string | null): Field => ({ text });

const RUN_FIELDS: Field[] = [
  field((r) => r.variant),
  field((r) => (r.seed !== null ? `seed ${r.seed}` : null)),
  field((r) => (r.mixture ? `mixture ${r.mixture}` : null)),
  field((r) => r.arch),
  field((r) => (r.params !== null ? `${formatCount(r.params)} params` : null)),
  field((r) => (r.tokens !== null ? `${formatCount(r.tokens)} tokens` : null)),
  field((r) => (r.group ? `group ${r.group}` : null)),
  field((r) => (r.owner ? `by ${r.owner}` : null)),
  field((r) => r.accelerator),
  field((r) => (r.chips !== null ? `${r.chips} chips` : null)),
  field((r) => `started ${r.createdAt.slice(0, 16).replace('T', ' ')}`),
];

function configText(value: ConfigValue): string {
  if (value === null) return '—';
  if (typeof value === 'number') return Number(value.toPrecision(6)).toString();
  return String(value);
}

function configFields(diff: ConfigDiff | undefined): Field[] {
  if (!diff) return [];
  return diff.rows.map((row) => {
    const byRun = new Map(diff.runIds.map((id, i) => [id, row.values[i]]));
    return field((r) => (byRun.has(r.id) ? `${row.key}=${configText(byRun.get(r.id)!)}` : null));
  });
}

/** How many distinct texts the runs get from these fields. */
function distinctWith(runs: RunRow[], fields: Field[]): number {
  return new Set(runs.map((r) => fields.map((f) => f.text(r) ?? '—').join(' · '))).size;
}

/** The fewest fields, greedily, that give `runs` distinct labels; null when none do. */
function separatingFields(runs: RunRow[], candidates: Field[]): Field[] | null {
  const chosen: Field[] = [];
  let distinct = 1;
  while (distinct < runs.length) {
    let best: Field | null = null;
    let bestDistinct = distinct;
    for (const candidate of candidates) {
      if (chosen.includes(candidate)) continue;
      const n = distinctWith(runs, [...chosen, candidate]);
      if (n > bestDistinct) {
        best = candidate;
        bestDistinct = n;
      }
    }
    if (!best) return null;
    chosen.push(best);
    distinct = bestDistinct;
  }
  return chosen;
}

/** A label for each run id, unique among them whenever the runs differ in anything but their id. */
export function distinctRunLabels(runIds: readonly string[], runs: ReadonlyMap<string, RunRow>, diff?: ConfigDiff): Map<string, string> {
  const labels = new Map(runIds.map((id) => [id, runLabel(runs.get(id), id)]));
  const byLabel = new Map<string, string[]>();
  for (const [id, label] of labels) byLabel.set(label, [...(byLabel.get(label) ?? []), id]);
  for (const [base, ids] of byLabel) {
    const rows = ids.flatMap((id) => runs.get(id) ?? []);
    if (ids.length < 2 || rows.length < ids.length) {
      if (ids.length > 1) ids.forEach((id) => labels.set(id, `${base} · ${id}`));
      continue;
    }
    const fields = separatingFields(rows, [...RUN_FIELDS, ...configFields(diff)]);
    for (const run of rows) {
      const extra = fields ? fields.map((f) => f.text(run) ?? '—') : [run.id];
      labels.set(run.id, [base, ...extra].join(' · '));
    }
  }
  return labels;
}
