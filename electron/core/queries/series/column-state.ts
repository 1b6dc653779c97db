// What the chart query has put in each pixel column so far: the lowest and highest value and the
// non-finite kinds. A bucket that straddles columns is only opened when it could still change them.
// Representatives go into the same M4 accumulator reduceM4 and mergeBucketsM4 use, one point at a time.
import type { PixelRange, ReducedSeries } from '../../../../shared/series';
import { M4Accumulator } from '../../../../shared/series/m4-accumulator';
import { columnMapper, type ColumnMapper } from '../../../../shared/series/pixel-columns';
import { FIRST, LAST, MAX, MIN, REP_Y, markerField } from '../../series-summary/bucket-record';
import { mapX, recordOffsets, type XAxisMap } from './x-axis';

const KIND_VALUES = [NaN, Infinity, -Infinity] as const;

export type Placement = 'outside' | 'inside' | 'straddles';

export class ColumnState {
  private readonly columns: ColumnMapper;
  private readonly width: number;
  private readonly low: Float64Array;
  private readonly high: Float64Array;
  private readonly kinds: Uint8Array;
  private readonly start: number;
  private readonly end: number;
  private readonly rep: number;
  private readonly accumulator: M4Accumulator;
  /** On a log axis, x is log10 of the value: the exact value each drawn x came from. */
  private readonly linearX = new Map<number, number>();

  constructor(
    private readonly range: PixelRange,
    private readonly axis: XAxisMap,
  ) {
    this.columns = columnMapper(range, 'getSeries');
    this.accumulator = new M4Accumulator(range, 'getSeries');
    this.width = range.width;
    this.low = new Float64Array(range.width).fill(Infinity);
    this.high = new Float64Array(range.width).fill(-Infinity);
    this.kinds = new Uint8Array(range.width);
    ({ start: this.start, end: this.end, rep: this.rep } = recordOffsets(axis.base));
  }

  /** Column of x, −1 before the range (or no x at all), width after it. */
  private columnOrEdge(x: number): number {
    if (!(x >= this.range.x0)) return -1;
    if (x > this.range.x1) return this.width;
    return this.columns.columnOf(x);
  }

  placement(records: Float64Array, at: number): Placement {
    const first = this.columnOrEdge(mapX(this.axis, records[at + this.start]));
    const last = this.columnOrEdge(mapX(this.axis, records[at + this.end]));
    if (last < 0 || first >= this.width) return 'outside';
    return first === last ? 'inside' : 'straddles';
  }

  /** Adds one point by its stored step/tokens/time value. */
  addPoint(value: number, y: number): void {
    const x = mapX(this.axis, value);
    if (!(x >= this.range.x0 && x <= this.range.x1)) return;
    if (this.axis.log) this.linearX.set(x, value * this.axis.scale + this.axis.offset);
    const column = this.columns.columnOf(x);
    if (Number.isFinite(y)) {
      if (y < this.low[column]) this.low[column] = y;
      if (y > this.high[column]) this.high[column] = y;
    } else this.kinds[column] |= y === Infinity ? 2 : y === -Infinity ? 4 : 1;
    this.accumulator.add(x, y);
  }

  /** Adds a bucket's representatives (each a real point at its own x) and its first and last markers. */
  addRecord(records: Float64Array, at: number): void {
    const rep = this.rep;
    // In x order, so that ties between equal values resolve as over the raw points.
    this.addPoint(records[at + FIRST + rep], records[at + FIRST + REP_Y]);
    const minFirst = records[at + MIN + rep] <= records[at + MAX + rep];
    const a = minFirst ? MIN : MAX;
    const b = minFirst ? MAX : MIN;
    this.addPoint(records[at + a + rep], records[at + a + REP_Y]);
    this.addPoint(records[at + b + rep], records[at + b + REP_Y]);
    this.addPoint(records[at + LAST + rep], records[at + LAST + REP_Y]);
    for (let k = 0; k < 3; k++) {
      const first = records[at + markerField(k, false) + rep - 1];
      if (Number.isNaN(first)) continue;
      this.addPoint(first, KIND_VALUES[k]);
      this.addPoint(records[at + markerField(k, true) + rep - 1], KIND_VALUES[k]);
    }
  }

  /**
   * Whether a straddling bucket could still hold a column's lowest or highest value, or a non-finite kind a
   * column does not show yet. Its own representatives are already in: only a part of the bucket on the other
   * side of a column edge can beat them, and only if the bucket's extreme beats what the column has.
   */
  needsOpening(records: Float64Array, at: number): boolean {
    const from = Math.max(0, this.columnOrEdge(mapX(this.axis, records[at + this.start])));
    const to = Math.min(this.width - 1, this.columnOrEdge(mapX(this.axis, records[at + this.end])));
    const low = records[at + MIN + REP_Y];
    const high = records[at + MAX + REP_Y];
    for (let c = from; c <= to; c++) if (low < this.low[c] || high > this.high[c]) return true;
    const rep = this.rep;
    for (let k = 0; k < 3; k++) {
      const firstValue = records[at + markerField(k, false) + rep - 1];
      if (Number.isNaN(firstValue)) continue;
      const first = Math.max(from, this.columnOrEdge(mapX(this.axis, firstValue)) + 1);
      const last = Math.min(to, this.columnOrEdge(mapX(this.axis, records[at + markerField(k, true) + rep - 1])) - 1);
      for (let c = first; c <= last; c++) if ((this.kinds[c] & (1 << k)) === 0) return true;
    }
    return false;
  }

  /** For opening a straddler into points: the bounds a point must beat in some column it may lie in. */
  beatBounds(records: Float64Array, at: number): { below: number; above: number } {
    const from = Math.max(0, this.columnOrEdge(mapX(this.axis, records[at + this.start])));
    const to = Math.min(this.width - 1, this.columnOrEdge(mapX(this.axis, records[at + this.end])));
    let below = -Infinity;
    let above = Infinity;
    for (let c = from; c <= to; c++) {
      if (this.low[c] > below) below = this.low[c];
      if (this.high[c] < above) above = this.high[c];
    }
    return { below, above };
  }

  result(): ReducedSeries {
    const reduced = this.accumulator.result();
    if (!this.axis.log) return reduced;
    const linear = (x: number) => this.linearX.get(x) ?? 10 ** x;
    return {
      points: reduced.points.map((p) => ({ x: linear(p.x), y: p.y })),
      markers: reduced.markers.map((m) => ({ x: linear(m.x), kind: m.kind })),
    };
  }
}
