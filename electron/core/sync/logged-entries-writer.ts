// Writes the points of a source that keeps every entry it was given (MLflow), where a value at a step
// already logged is one more entry, never a restart. Every entry goes to logged_entries in the order
// it was logged (what `export` prints); the chart's points hold one value per step:
//   - a step logged several times shows the entry logged last by timestamp (ties: the later one);
//   - a metric logged without a step (MLflow stores step 0 for each entry) shows every entry, placed
//     in logged order (0, 1, 2, …) with its time, so the time axes plot it by when it was logged. Should
//     a stepped entry follow, the metric's chart points are placed again from its entries by step.
// The caller owns the transaction, as for RunMetricsWriter.
import type Database from 'better-sqlite3';
import type { MetricPoint } from '../sources/source-types';
import type { RunMetricsWriter } from './run-metrics-writer';

interface EntryState {
  seriesPk: number;
  /** seq of the next entry. */
  next: number;
  /** Every entry so far was at step 0: logged without a step. */
  stepless: boolean;
}

interface Statements {
  insert: Database.Statement;
  state: Database.Statement;
  entries: Database.Statement;
}

const statementCache = new WeakMap<Database.Database, Statements>();

function statements(sqlite: Database.Database): Statements {
  let st = statementCache.get(sqlite);
  if (!st) {
    st = {
      insert: sqlite.prepare('INSERT INTO logged_entries (series_pk, seq, step, time, value) VALUES (?, ?, ?, ?, ?)'),
      state: sqlite.prepare(
        'SELECT coalesce(max(seq) + 1, 0) AS next, coalesce(max(step <> 0), 0) AS stepped FROM logged_entries WHERE series_pk = ?',
      ),
      entries: sqlite.prepare('SELECT step, time, value FROM logged_entries WHERE series_pk = ? ORDER BY seq'),
    };
    statementCache.set(sqlite, st);
  }
  return st;
}

export class LoggedEntriesWriter {
  private readonly states = new Map<string, EntryState>();
  private readonly st: Statements;

  constructor(
    private readonly sqlite: Database.Database,
    private readonly points: RunMetricsWriter,
  ) {
    this.st = statements(sqlite);
  }

  private stateOf(metric: string): EntryState {
    let s = this.states.get(metric);
    if (!s) {
      const seriesPk = this.points.seriesPkOf(metric);
      const row = this.st.state.get(seriesPk) as { next: number; stepped: number };
      s = { seriesPk, next: row.next, stepless: row.stepped === 0 };
      this.states.set(metric, s);
    }
    return s;
  }

  add(p: MetricPoint): void {
    const s = this.stateOf(p.metric);
    const seq = s.next++;
    this.st.insert.run(s.seriesPk, seq, p.step, p.time, p.value);
    if (s.stepless && p.step === 0) {
      this.points.placeByTime(p.metric, seq, p.time, p.value);
      return;
    }
    if (s.stepless && seq > 1) {
      // Entries placed in logged order were steps all along (step 0, then more): place them again by step.
      this.points.clearSeriesPoints(p.metric);
      for (const e of this.st.entries.all(s.seriesPk) as Array<{ step: number; time: number | null; value: number | null }>) {
        this.points.placeByTime(p.metric, e.step, e.time, e.value ?? NaN);
      }
    } else this.points.placeByTime(p.metric, p.step, p.time, p.value);
    s.stepless = false;
  }
}
