import { columnMapper, type ColumnMapper } from './pixel-columns';
import type { NonFiniteKind, NonFiniteMarker, PixelRange, ReducedSeries, SeriesPoint } from './types';

const FIRST = 0;
const LAST = 1;
const MIN = 2;
const MAX = 3;
const KINDS: readonly NonFiniteKind[] = ['nan', 'inf', '-inf'];

/**
 * Per pixel column, the first and last point by x and the points holding the column's minimum and maximum y.
 * Points are fed in order; that order breaks ties: "first" is the earliest fed at the smallest x, "last" the
 * latest fed at the largest x, and among equal minima (maxima) the one with the smallest x, then earliest fed.
 * Non-finite y values never enter the extremes: the first of each kind per column is kept as a marker.
 */
export class M4Accumulator {
  private readonly columns: ColumnMapper;
  private readonly xs: Float64Array;
  private readonly ys: Float64Array;
  private readonly seqs: Float64Array;
  private readonly markerXs: Float64Array;
  private readonly markerSeqs: Float64Array;
  private seq = 0;

  constructor(range: PixelRange, caller: string) {
    this.columns = columnMapper(range, caller);
    const width = this.columns.width;
    this.xs = new Float64Array(width * 4);
    this.ys = new Float64Array(width * 4);
    this.seqs = new Float64Array(width * 4).fill(-1);
    this.markerXs = new Float64Array(width * 3);
    this.markerSeqs = new Float64Array(width * 3).fill(-1);
  }

  /** Adds one point; x must be finite, y may be anything. Points outside [x0, x1] are ignored. */
  add(x: number, y: number): void {
    const seq = this.seq++;
    const column = this.columns.columnOf(x);
    if (column < 0) return;
    if (!Number.isFinite(y)) {
      this.addMarkerAt(column, x, y === Infinity ? 1 : y === -Infinity ? 2 : 0, seq);
      return;
    }
    const base = column * 4;
    const { xs, ys } = this;
    if (this.seqs[base + FIRST]! < 0) {
      for (let role = 0; role < 4; role++) this.set(base + role, x, y, seq);
      return;
    }
    if (x < xs[base + FIRST]!) this.set(base + FIRST, x, y, seq);
    if (x >= xs[base + LAST]!) this.set(base + LAST, x, y, seq);
    const min = ys[base + MIN]!;
    if (y < min || (y === min && x < xs[base + MIN]!)) this.set(base + MIN, x, y, seq);
    const max = ys[base + MAX]!;
    if (y > max || (y === max && x < xs[base + MAX]!)) this.set(base + MAX, x, y, seq);
  }

  /** Adds a non-finite marker directly (used when merging pre-aggregated buckets). */
  addMarker(marker: NonFiniteMarker): void {
    const seq = this.seq++;
    const column = this.columns.columnOf(marker.x);
    if (column >= 0) this.addMarkerAt(column, marker.x, KINDS.indexOf(marker.kind), seq);
  }

  result(): ReducedSeries {
    const points: SeriesPoint[] = [];
    const markers: NonFiniteMarker[] = [];
    // A chart asks for this once per series and query: no objects per column, only what is returned.
    const picked = new Int32Array(4);
    const { xs, ys, seqs, markerXs, markerSeqs } = this;
    for (let column = 0; column < this.columns.width; column++) {
      const base = column * 4;
      if (seqs[base + FIRST]! >= 0) {
        let n = 0;
        for (let role = 0; role < 4; role++) {
          const slot = base + role;
          // The same point can be first and min at once: draw it once, as the earliest fed of its twins.
          let twin = -1;
          for (let k = 0; k < n; k++) if (xs[picked[k]!]! === xs[slot]! && ys[picked[k]!]! === ys[slot]!) twin = k;
          if (twin < 0) picked[n++] = slot;
          else if (seqs[slot]! < seqs[picked[twin]!]!) picked[twin] = slot;
        }
        sortSlots(picked, n, xs, seqs);
        for (let k = 0; k < n; k++) points.push({ x: xs[picked[k]!]!, y: ys[picked[k]!]! });
      }
      let m = 0;
      for (let k = 0; k < 3; k++) if (markerSeqs[column * 3 + k]! >= 0) picked[m++] = column * 3 + k;
      if (m === 0) continue;
      sortSlots(picked, m, markerXs, markerSeqs);
      for (let k = 0; k < m; k++) markers.push({ x: markerXs[picked[k]!]!, kind: KINDS[picked[k]! - column * 3]! });
    }
    return { points, markers };
  }

  private set(slot: number, x: number, y: number, seq: number): void {
    this.xs[slot] = x;
    this.ys[slot] = y;
    this.seqs[slot] = seq;
  }

  private addMarkerAt(column: number, x: number, kind: number, seq: number): void {
    const slot = column * 3 + kind;
    if (this.markerSeqs[slot]! < 0 || x < this.markerXs[slot]!) {
      this.markerXs[slot] = x;
      this.markerSeqs[slot] = seq;
    }
  }
}

/** Insertion sort of the first n slots by (x, seq): at most four of them. */
function sortSlots(slots: Int32Array, n: number, xs: Float64Array, seqs: Float64Array): void {
  for (let i = 1; i < n; i++) {
    const slot = slots[i]!;
    let j = i - 1;
    while (j >= 0 && (xs[slots[j]!]! > xs[slot]! || (xs[slots[j]!]! === xs[slot]! && seqs[slots[j]!]! > seqs[slot]!))) {
      slots[j + 1] = slots[j]!;
      j--;
    }
    slots[j + 1] = slot;
  }
}
