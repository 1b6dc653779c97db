// The columns of the runs table: fixed ones from run.json and status, then any config key the user added.
// Each column is as wide as its widest value (within bounds), so the run names get the room that short
// columns (a seed, a group of three letters) do not need; text columns give some of it back when the
// window is narrow, before the run names do.
import type { RunRow } from '../../../../shared/domain/run-views';
import { showConfigValue } from '../../components/config-value';
import { formatCount, formatPowerOfTen } from '../../components/series-chart/chart-format';

export interface RunColumn {
  key: string;
  label: string;
  numeric?: boolean;
  /** The cell as text: what is shown, and what its width is measured from. */
  text(run: RunRow): string;
  /** The cell when it is more than its text (a badge, a tooltip). */
  render?(run: RunRow): React.ReactNode;
  /** The widest it may get, in pixels; wider values are cut with an ellipsis and shown whole on hover. */
  maxWidth?: number;
  /** The narrowest, for cells drawn wider than their text (a badge). */
  minWidth?: number;
  /** For text columns: how narrow it may get (cut with an ellipsis) when the window is short of room. */
  shrinkTo?: number;
}

const count = (v: number | null) => (v === null ? '—' : formatCount(v));

export const FIXED_COLUMNS: RunColumn[] = [
  {
    key: 'status',
    label: 'Status',
    // "finished" as a bold badge with its padding and border.
    minWidth: 78,
    text: (r) => r.status,
    render: (r) => (
      <span className={`badge status-${r.status}`} title={r.statusMessage ?? undefined}>
        {r.status}
      </span>
    ),
  },
  { key: 'owner', label: 'Owner', text: (r) => r.owner ?? '—', maxWidth: 120, shrinkTo: 60 },
  { key: 'group', label: 'Group', text: (r) => r.group ?? '—', maxWidth: 200, shrinkTo: 90 },
  { key: 'ablation', label: 'Ablation · variant', text: (r) => (r.ablation ? `${r.ablation} · ${r.variant ?? '?'}` : '—'), maxWidth: 220, shrinkTo: 100 },
  { key: 'seed', label: 'Seed', numeric: true, text: (r) => (r.seed === null ? '—' : String(r.seed)) },
  { key: 'params', label: 'Params', numeric: true, text: (r) => count(r.params) },
  { key: 'tokens', label: 'Tokens', numeric: true, text: (r) => count(r.tokens) },
  {
    key: 'flops',
    label: 'FLOPs',
    numeric: true,
    text: (r) => (r.flops === null ? '—' : `${formatPowerOfTen(r.flops)}${r.flopsGiven ? '' : '*'}`),
    render: (r) => (r.flops === null ? '—' : <span title={r.flopsGiven ? 'from run.json' : '6·N·D'}>{formatPowerOfTen(r.flops)}{r.flopsGiven ? '' : '*'}</span>),
  },
  { key: 'lastStep', label: 'Step', numeric: true, text: (r) => count(r.lastStep) },
  { key: 'pointCount', label: 'Points', numeric: true, text: (r) => count(r.pointCount) },
  { key: 'createdAt', label: 'Created', text: (r) => r.createdAt.slice(0, 10) },
];

export function configColumn(key: string): RunColumn {
  return { key, label: key, numeric: true, maxWidth: 180, shrinkTo: 70, text: (r) => showConfigValue(r.values[key], 3) };
}

/** Pixels per character: 13 px cells and 12 px bold headers in the UI font (a little generous, never cut). */
const CELL_CHAR_PX = 7.0;
const HEAD_CHAR_PX = 7.6;
/** Room for the sort arrow beside a header, and the gap between columns. */
const HEAD_EXTRA_PX = 16;
const MIN_WIDTH = 44;
const DEFAULT_MAX_WIDTH = 140;
/** Enough rows to find the widest value of a column without measuring 10,000. */
const MEASURED_ROWS = 2000;

export interface ColumnWidth {
  min: number;
  max: number;
}

/**
 * Each column's width from its header (which wraps at spaces, so its longest word) and its widest value
 * among (the first) `runs`: `max`, and `min` for a text column that may shrink when room is short.
 */
export function columnWidths(columns: RunColumn[], runs: RunRow[]): ColumnWidth[] {
  const sample = runs.length > MEASURED_ROWS ? runs.slice(0, MEASURED_ROWS) : runs;
  return columns.map((column) => {
    let longest = 0;
    for (const run of sample) longest = Math.max(longest, column.text(run).length);
    const word = Math.max(...column.label.split(' ').map((part) => part.length));
    const wanted = Math.max(word * HEAD_CHAR_PX + HEAD_EXTRA_PX, longest * CELL_CHAR_PX + 8, column.minWidth ?? MIN_WIDTH);
    const max = Math.ceil(Math.min(wanted, column.maxWidth ?? DEFAULT_MAX_WIDTH));
    return { max, min: Math.min(max, column.shrinkTo ?? max) };
  });
}

/** The room the Run column wants: its longest "name id" among (the first) `runs`. */
export function runNameWidth(runs: RunRow[]): number {
  let longest = 0;
  for (const run of runs.length > MEASURED_ROWS ? runs.slice(0, MEASURED_ROWS) : runs) {
    longest = Math.max(longest, (run.name ? run.name.length + 1 : 0) + run.id.length);
  }
  return Math.ceil(longest * CELL_CHAR_PX + 8);
}

/**
 * Pixels for each column in `available` (the table's width, less its checkbox, pin, gaps and padding):
 * the Run column first gets up to the room its names need (from `nameMin`), then the text columns grow
 * from their `min` to their `max`, and whatever is left goes to the Run column. Short of room, every
 * column keeps its `min` and the table scrolls sideways.
 */
export function fitColumns(widths: ColumnWidth[], nameMin: number, nameNeed: number, available: number): { name: number; columns: number[] } {
  let spare = available - nameMin - widths.reduce((sum, w) => sum + w.min, 0);
  let name = nameMin;
  const toName = Math.max(0, Math.min(spare, nameNeed - nameMin));
  name += toName;
  spare -= toName;
  const columns = widths.map((w) => {
    const grow = Math.max(0, Math.min(spare, w.max - w.min));
    spare -= grow;
    return w.min + grow;
  });
  return { name: name + Math.max(0, spare), columns };
}

