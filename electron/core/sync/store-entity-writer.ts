// Writes what the store's documents describe (runs, status, ablations, proposals, events, team,
// the store marker) into the cache, and takes it out again when a file is removed or refused.
// Callers own the transaction. Prepared statements are made once per connection.
import type Database from 'better-sqlite3';
import type { AblationRecord } from '../store/parse-ablation-file';
import type { EventRecord } from '../store/parse-event-file';
import type { ProposalRecord } from '../store/parse-proposal-file';
import type { RunRecord } from '../store/parse-run-file';
import type { RunStatus } from '../store/parse-run-status';
import type { StoreMarker } from '../store/parse-store-marker';
import type { TeamRecord } from '../store/parse-team-file';
import { proposalOutcomeUpdater } from './proposal-outcome';
import { onRunStatusSet, onSeriesRemoved } from './series-hooks';

const RUN_FILES = ['run.json', 'status.json', 'metrics.jsonl'] as const;

export function runFilePaths(runId: string): string[] {
  return RUN_FILES.map((name) => `runs/${runId}/${name}`);
}

function prepareAll(sqlite: Database.Database) {
  const p = (sql: string) => sqlite.prepare(sql);
  return {
    runById: p('SELECT pk, source FROM runs WHERE id = ?'),
    insertRun: p(
      `INSERT INTO runs (id, name, created_at, owner, group_name, ablation, variant, seed, proposal, params, non_embedding_params,
         active_params, arch, tokens, mixture, flops, flops_given, accelerator, chips, chip_hours, config_json, tags_json, raw_json,
         source, synced_at)
       VALUES (@id, @name, @createdAt, @owner, @group, @ablation, @variant, @seed, @proposal, @params, @nonEmbeddingParams,
         @activeParams, @arch, @tokens, @mixture, @flops, @flopsGiven, @accelerator, @chips, @chipHours, @configJson, @tagsJson, @rawJson,
         @source, @syncedAt)`,
    ),
    updateRun: p(
      `UPDATE runs SET name = @name, created_at = @createdAt, owner = @owner, group_name = @group, ablation = @ablation,
         variant = @variant, seed = @seed, proposal = @proposal, params = @params, non_embedding_params = @nonEmbeddingParams,
         active_params = @activeParams, arch = @arch, tokens = @tokens, mixture = @mixture, flops = @flops, flops_given = @flopsGiven,
         accelerator = @accelerator, chips = @chips, chip_hours = @chipHours, config_json = @configJson, tags_json = @tagsJson,
         raw_json = @rawJson, synced_at = @syncedAt
       WHERE pk = @pk`,
    ),
    runSeries: p('SELECT pk FROM series WHERE run_pk = ?').pluck(),
    deleteRunSeries: p('DELETE FROM series WHERE run_pk = ?'),
    deleteRun: p('DELETE FROM runs WHERE pk = ?'),
    runState: p('SELECT state FROM runs WHERE pk = ?').pluck(),
    setStatus: p('UPDATE runs SET state = ?, state_updated_at = ?, state_message = ?, synced_at = ? WHERE pk = ?'),
    upsertAblation: p(
      `INSERT OR REPLACE INTO ablations (id, title, question, proposal, owner, metric, compare_at, baseline, raw_json, file)
       VALUES (@id, @title, @question, @proposal, @owner, @metric, @compareAt, @baseline, @rawJson, @file)`,
    ),
    deleteAblation: p('DELETE FROM ablations WHERE file = ?'),
    upsertProposal: p(
      `INSERT OR REPLACE INTO proposals (id, title, owner, area, kind, declared_status, status, created, people_json,
         compute_budget_json, expected_json, declared_complexity_json, complexity_json, front_matter_json, body, file)
       VALUES (@id, @title, @owner, @area, @kind, @status, @status, @created, @peopleJson, @computeBudgetJson, @expectedJson,
         @complexityJson, @complexityJson, @frontMatterJson, @body, @file)`,
    ),
    deleteProposal: p('DELETE FROM proposals WHERE file = ?'),
    eventById: p('SELECT file, target FROM events WHERE id = ?'),
    eventByFile: p('SELECT id, target FROM events WHERE file = ?'),
    upsertEvent: p(
      'INSERT OR REPLACE INTO events (id, at, author, type, target, payload_json, file) VALUES (@id, @at, @author, @type, @target, @payloadJson, @file)',
    ),
    deleteEvent: p('DELETE FROM events WHERE file = ?'),
    clearPeople: p('DELETE FROM people'),
    clearAreas: p('DELETE FROM areas'),
    clearPhases: p('DELETE FROM phases'),
    clearEvals: p('DELETE FROM eval_suites'),
    insertPerson: p('INSERT INTO people (id, name, area, raw_json) VALUES (?, ?, ?, ?)'),
    insertArea: p('INSERT INTO areas (name, ord) VALUES (?, ?)'),
    insertPhase: p('INSERT INTO phases (name, start, "end", target_exploratory, ord) VALUES (?, ?, ?, ?, ?)'),
    insertEval: p('INSERT INTO eval_suites (prefix, name, kind) VALUES (?, ?, ?)'),
    setState: p('INSERT OR REPLACE INTO cache_state (key, value) VALUES (?, ?)'),
    clearState: p('DELETE FROM cache_state WHERE key = ?'),
  };
}

type Statements = ReturnType<typeof prepareAll>;
const cache = new WeakMap<Database.Database, Statements>();

export type RunUpsert = { pk: number; isNew: boolean } | { conflict: string };

export class StoreEntityWriter {
  private readonly st: Statements;
  private readonly refreshProposal: (id: string) => void;

  constructor(private readonly sqlite: Database.Database) {
    let st = cache.get(sqlite);
    if (!st) {
      st = prepareAll(sqlite);
      cache.set(sqlite, st);
    }
    this.st = st;
    this.refreshProposal = proposalOutcomeUpdater(sqlite);
  }

  /** `source`: 'labstore', or the format a run was imported from ('tensorboard', 'mlflow'). */
  upsertRun(run: RunRecord, syncedAt: string, source = 'labstore'): RunUpsert {
    const existing = this.st.runById.get(run.id) as { pk: number; source: string } | undefined;
    if (existing && existing.source !== source) return { conflict: existing.source };
    const row = {
      ...run,
      flopsGiven: run.flopsGiven ? 1 : 0,
      configJson: JSON.stringify(run.config),
      tagsJson: JSON.stringify(run.tags),
      rawJson: JSON.stringify(run.raw),
      syncedAt,
    };
    const { config: _config, tags: _tags, raw: _raw, ...params } = row;
    if (existing) {
      this.st.updateRun.run({ ...params, pk: existing.pk });
      return { pk: existing.pk, isNew: false };
    }
    return { pk: Number(this.st.insertRun.run({ ...params, source }).lastInsertRowid), isNew: true };
  }

  /** Takes a run out of the cache with its series and points. */
  removeRun(runPk: number): void {
    for (const seriesPk of this.st.runSeries.all(runPk) as number[]) {
      for (const hook of onSeriesRemoved) hook(this.sqlite, seriesPk);
    }
    // Point chunks go with their series, the run's axis with the run (ON DELETE CASCADE).
    this.st.deleteRunSeries.run(runPk);
    this.st.deleteRun.run(runPk);
  }

  setRunStatus(runPk: number, status: RunStatus | null, syncedAt: string): void {
    const before = onRunStatusSet.length > 0 ? ((this.st.runState.get(runPk) as string | null | undefined) ?? null) : null;
    this.st.setStatus.run(status?.state ?? null, status?.updatedAt ?? null, status?.message ?? null, syncedAt, runPk);
    for (const hook of onRunStatusSet) hook(this.sqlite, runPk, before, status);
  }

  upsertAblation(ablation: AblationRecord, file: string): void {
    const { raw, ...fields } = ablation;
    this.st.upsertAblation.run({ ...fields, rawJson: JSON.stringify(raw), file });
  }

  removeAblation(file: string): void {
    this.st.deleteAblation.run(file);
  }

  upsertProposal(proposal: ProposalRecord, file: string): void {
    this.st.upsertProposal.run({
      id: proposal.id,
      title: proposal.title,
      owner: proposal.owner,
      area: proposal.area,
      kind: proposal.kind,
      status: proposal.status,
      created: proposal.created,
      peopleJson: JSON.stringify(proposal.people),
      computeBudgetJson: proposal.computeBudget ? JSON.stringify(proposal.computeBudget) : null,
      expectedJson: proposal.expected ? JSON.stringify(proposal.expected) : null,
      complexityJson: proposal.complexity ? JSON.stringify(proposal.complexity) : null,
      frontMatterJson: JSON.stringify(proposal.frontMatter),
      body: proposal.body,
      file,
    });
    this.refreshProposal(proposal.id);
  }

  removeProposal(file: string): void {
    this.st.deleteProposal.run(file);
  }

  /** The file holding event `id`, if the cache has it. */
  eventFile(id: string): string | undefined {
    return (this.st.eventById.get(id) as { file: string } | undefined)?.file;
  }

  upsertEvent(event: EventRecord, file: string): void {
    this.st.upsertEvent.run({
      id: event.id,
      at: event.at,
      author: event.author,
      type: event.type,
      target: event.target,
      payloadJson: JSON.stringify(event.raw),
      file,
    });
    if (event.target !== null) this.refreshProposal(event.target);
  }

  /** Removes the event read from `file`; returns its id when there was one. */
  removeEvent(file: string): string | undefined {
    const row = this.st.eventByFile.get(file) as { id: string; target: string | null } | undefined;
    if (!row) return undefined;
    this.st.deleteEvent.run(file);
    if (row.target !== null) this.refreshProposal(row.target);
    return row.id;
  }

  replaceTeam(team: TeamRecord | null): void {
    this.st.clearPeople.run();
    this.st.clearAreas.run();
    this.st.clearPhases.run();
    this.st.clearEvals.run();
    if (!team) return;
    team.areas.forEach((area, i) => this.st.insertArea.run(area, i));
    for (const person of team.people) this.st.insertPerson.run(person.id, person.name, person.area, JSON.stringify(person.raw));
    team.phases.forEach((phase, i) => this.st.insertPhase.run(phase.name, phase.start, phase.end, phase.targetExploratory, i));
    for (const suite of team.evals) this.st.insertEval.run(suite.prefix, suite.name, suite.kind);
  }

  setStoreMarker(marker: StoreMarker | null): void {
    if (marker?.name) this.st.setState.run('store_name', marker.name);
    else this.st.clearState.run('store_name');
  }

  setCacheState(key: string, value: string): void {
    this.st.setState.run(key, value);
  }
}
