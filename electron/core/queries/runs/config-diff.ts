// The keys of run.json that differ between runs, side by side (a key missing from one run differs).
import type Database from 'better-sqlite3';
import type { ConfigDiff, ConfigValue } from '../../../../shared/domain/run-views';
import { flattenConfig, parseJsonObject } from './flatten-config';

/** Identity and bookkeeping fields: different for every run, never the reason two runs differ. */
const IGNORED = new Set(['id', 'name', 'created_at']);

export function configDiff(sqlite: Database.Database, runIds: readonly string[]): ConfigDiff {
  const raws = sqlite.prepare('SELECT id, raw_json AS raw FROM runs WHERE id IN (SELECT value FROM json_each(?))').all(JSON.stringify(runIds)) as { id: string; raw: string }[];
  const byId = new Map(raws.map((r) => [r.id, flattenConfig(parseJsonObject(r.raw))]));
  const present = runIds.filter((id) => byId.has(id));
  const configs = present.map((id) => byId.get(id)!);
  const keys = new Set<string>();
  for (const config of configs) for (const key of config.keys()) if (!IGNORED.has(key)) keys.add(key);
  const rows: { key: string; values: ConfigValue[] }[] = [];
  let sameCount = 0;
  for (const key of [...keys].sort()) {
    const values = configs.map((c) => (c.has(key) ? c.get(key)! : null));
    const missing = configs.map((c) => !c.has(key));
    const differs = values.some((v, i) => v !== values[0] || missing[i] !== missing[0]);
    if (differs) rows.push({ key, values });
    else sameCount++;
  }
  return { runIds: present, rows, sameCount };
}
