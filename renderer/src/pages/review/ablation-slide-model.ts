// What an ablation slide shows, worked out before it is drawn: one row per (size, variant) with the
// delta and its 95 % interval now and at the last review, the rows that fit (every row whose verdict
// moved first, then the largest sizes), and the headline — each moved verdict as it stands now, with
// the very numbers of its row, then what it was. The headline can only name rows the chart shows.
import type { AblationChange, VerdictCell } from '../../../../shared/api/review-methods';
import type { AblationVerdict } from '../../../../shared/domain/run-views';
import { formatParams } from '../../components/proposals/proposals-format';
import type { IntervalRow } from './interval-chart';
import { deltaWithInterval, signed, VERDICT_TEXT } from './review-format';

export interface SlideMove {
  key: string;
  label: string;
  /** "▲ better −0.017 [−0.020, −0.014]": the row's own figure now. */
  now: string;
  nowVerdict: AblationVerdict | null;
  /** "? no noise estimate −0.012" at the last review, or "not compared then". */
  before: string;
}

export interface AblationSlideModel {
  rows: IntervalRow[];
  moves: SlideMove[];
  /** Moves not listed in the headline (their rows are bold in the chart). */
  moreMoves: number;
  /** Rows of smaller sizes left out of the chart. */
  hiddenRows: number;
}

const cellKey = (c: { params: number | null; variant: string }) => `${c.params ?? 'none'}|${c.variant}`;
export const sizeText = (params: number | null) => (params === null ? 'size unknown' : formatParams(params));

function cellText(cell: VerdictCell, withInterval: boolean): string {
  const v = VERDICT_TEXT[cell.verdict];
  return `${v.symbol} ${v.word} ${withInterval ? deltaWithInterval(cell.delta, cell.interval) : signed(cell.delta)}`;
}

export function ablationSlideModel(change: AblationChange, maxRows: number, maxMoves: number): AblationSlideModel {
  const before = new Map(change.before.map((c) => [cellKey(c), c]));
  const now = new Map(change.now.map((c) => [cellKey(c), c]));
  const moved = new Set(change.moves.map(cellKey));
  const order = (key: string) => (now.get(key) ?? before.get(key))!;
  const keys = [...new Set([...now.keys(), ...before.keys()])].sort((a, b) => (order(a).params ?? -1) - (order(b).params ?? -1) || order(a).variant.localeCompare(order(b).variant));
  // Moved rows first (the largest sizes among them), then the largest other sizes, drawn in size order.
  const movedKeys = keys.filter((k) => moved.has(k)).slice(-maxRows);
  const room = maxRows - movedKeys.length;
  const otherKeys = room > 0 ? keys.filter((k) => !moved.has(k)).slice(-room) : [];
  const shownKeys = new Set([...movedKeys, ...otherKeys]);
  const rows = keys
    .filter((k) => shownKeys.has(k))
    .map((key): IntervalRow => {
      const n = now.get(key);
      const b = before.get(key);
      const ref = order(key);
      return {
        key,
        label: `${sizeText(ref.params)} · ${ref.variant}`,
        emphasis: moved.has(key),
        valueText: `${n ? `${VERDICT_TEXT[n.verdict].symbol} ${deltaWithInterval(n.delta, n.interval)}` : 'not compared now'}   was ${b ? `${VERDICT_TEXT[b.verdict].symbol} ${signed(b.delta)}` : '—'}`,
        now: n ? { value: n.delta, interval: n.interval, color: VERDICT_TEXT[n.verdict].color } : null,
        before: b ? { value: b.delta, interval: b.interval } : null,
      };
    });
  // The headline: the largest sizes' moves first, as they say most about scale.
  const listed = movedKeys.slice().reverse().slice(0, maxMoves);
  const moves = listed.map((key): SlideMove => {
    const n = now.get(key);
    const b = before.get(key);
    const ref = order(key);
    return {
      key,
      label: `${ref.variant} at ${sizeText(ref.params)}`,
      now: n ? cellText(n, true) : 'not compared now',
      nowVerdict: n?.verdict ?? null,
      before: b ? cellText(b, false) : 'not compared then',
    };
  });
  return { rows, moves, moreMoves: change.moves.length - moves.length, hiddenRows: keys.length - rows.length };
}
