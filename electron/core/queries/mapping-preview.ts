// The field mapping preview: a candidate mapping applied to the fields every run of the current
// source had before mapping (kept by the sync in runs.source_fields_json), so the Settings page can
// show which runs a mapping gives parameters and tokens to, which scaling ladders (groups) and
// ablations they join, and what it cannot use — before anything is saved or synced again.
import type Database from 'better-sqlite3';
import type { MappingPreview } from '../../../shared/api/sources-methods';
import { applyFieldMapping, mappingFieldProblems, type FactValue, type FieldMapping, type SourceFormat } from '../sources/field-mapping';

const MAX_RUNS = 500;

export function previewFieldMapping(sqlite: Database.Database, format: SourceFormat, mapping: FieldMapping): MappingPreview {
  const rows = sqlite
    .prepare('SELECT id, name, created_at AS createdAt, source_fields_json AS fieldsJson FROM runs WHERE source = ? ORDER BY id')
    .all(format) as Array<{ id: string; name: string | null; createdAt: string; fieldsJson: string | null }>;
  const problems = mappingFieldProblems(mapping, format);
  const runs: MappingPreview['runs'] = [];
  const fieldNames = new Map<string, number>();
  const groups = new Map<string, { runs: number; withScale: number }>();
  const ablations = new Map<string, number>();
  for (const row of rows) {
    const kept = row.fieldsJson ? (JSON.parse(row.fieldsJson) as { group: string | null; fields: Record<string, FactValue> }) : { group: null, fields: {} };
    for (const name of Object.keys(kept.fields)) fieldNames.set(name, (fieldNames.get(name) ?? 0) + 1);
    const { run, issues } = applyFieldMapping(
      { id: row.id, name: row.name ?? row.id, createdAt: row.createdAt, group: kept.group ?? undefined, fields: kept.fields, config: {} },
      problems.length > 0 ? {} : mapping,
      row.id,
    );
    const scaled = run.model !== undefined && run.data !== undefined;
    if (run.group !== undefined) {
      const g = groups.get(run.group) ?? { runs: 0, withScale: 0 };
      g.runs++;
      if (scaled) g.withScale++;
      groups.set(run.group, g);
    }
    if (run.ablation !== undefined) {
      const key = `${run.ablation}\u0000${run.variant ?? ''}`;
      ablations.set(key, (ablations.get(key) ?? 0) + 1);
    }
    if (runs.length < MAX_RUNS) {
      runs.push({
        id: row.id,
        name: row.name,
        group: run.group ?? null,
        params: run.model?.params ?? null,
        tokens: run.data?.tokens ?? null,
        flops: run.compute?.flops ?? null,
        ablation: run.ablation ?? null,
        variant: run.variant ?? null,
        seed: run.seed ?? null,
        problems: issues.map((i) => `${i.field ?? ''}: ${i.reason}${i.expected ? ` (expected ${i.expected})` : ''}`),
      });
    }
  }
  return {
    format,
    problems,
    totalRuns: rows.length,
    runs,
    groups: [...groups.entries()].map(([group, g]) => ({ group, runs: g.runs, withScale: g.withScale })).sort((a, b) => b.withScale - a.withScale || a.group.localeCompare(b.group)),
    ablations: [...ablations.entries()].map(([key, count]) => {
      const [ablation, variant] = key.split('\u0000') as [string, string];
      return { ablation, variant: variant === '' ? null : variant, runs: count };
    }),
    fields: [...fieldNames.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, 300).map(([name, runsWith]) => ({ name, runs: runsWith })),
  };
}
