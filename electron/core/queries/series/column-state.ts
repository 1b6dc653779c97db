// What the chart query has put in each pixel column so far: the lowest and highest value and the
// non-finite kinds. A bucket that straddles columns is only opened when it could still change them.
// Representatives go into the same M4 accumulator reduceM4 and mergeBucketsM4 use, one point at a time.
import type { PixelRange, ReducedSeries } from '../../../../shared/series';
import { M4Accumulator } from '../../../../shared/series/m4-accumulator';
import { columnMapper, type ColumnMapper } from '../../../../shared/series/pixel-columns';
import { END_STEP, FIRST, LAST, MAX, MIN, QUARTER_COUNT, REP_Y, START_STEP, markerField, quarterHigh, quarterLow, quarterStart } from '../../series-summary/bucket-record';
import { mapX, recordOffsets, type XAxisMap } from './x-axis';

const KIND_VALUES = [NaN, Infinity, -Infinity] as const;

export type Placement = 'outside' | 'inside' | 'straddles';

export class ColumnState {
  private readonly columns: ColumnMapper;
  private readonly width: number;
  private readonly low: Float64Array;
  private readonly high: Float64Array;
  private readonly kinds: Uint8Array;
  /** Whether a finite point is in the column yet: buckets arrive in x order, so a later one cannot be its first. */
  private readonly seen: Uint8Array;
  private readonly start: number;
  private readonly end: number;
  private readonly rep: number;
  private readonly accumulator: M4Accumulator;
  /** On a log axis, x is log10 of the value: the exact value each drawn x came from. */
  private readonly linearX = new Map<number, number>();
  /** A stored value's chart x (this runs a few times per bucket: no branch on the axis kind inside). */
  private readonly toX: (value: number) => number;

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
    this.seen = new Uint8Array(range.width);
    ({ start: this.start, end: this.end, rep: this.rep } = recordOffsets(axis.base));
    const { scale, offset } = axis;
    this.toX = axis.log ? (v) => mapX(axis, v) : scale === 1 && offset === 0 ? (v) => v : (v) => v * scale + offset;
  }

  /** Column of x, −1 before the range (or no x at all), width after it. */
  private columnOrEdge(x: number): number {
    if (!(x >= this.range.x0)) return -1;
    if (x > this.range.x1) return this.width;
    return this.columns.columnOf(x);
  }

  /** The column a bucket lies wholly in; −1 when it straddles a column edge (or the range's), −2 when it is outside. */
  columnOfBucket(records: Float64Array, at: number): number {
    const first = this.columnOrEdge(this.toX(records[at + this.start]));
    const last = this.columnOrEdge(this.toX(records[at + this.end]));
    if (last < 0 || first >= this.width) return -2;
    return first === last ? first : -1;
  }

  /**
   * addRecord for a bucket inside one column, the common case: its extremes are the column's candidates
   * as they are, so they update the column once instead of point by point.
   */
  addInside(records: Float64Array, at: number, column: number): void {
    const rep = this.rep;
    if (this.axis.log || !Number.isNaN(records[at + markerField(0, false) + rep - 1]) || !Number.isNaN(records[at + markerField(1, false) + rep - 1]) || !Number.isNaN(records[at + markerField(2, false) + rep - 1])) {
      this.addRecord(records, at);
      return;
    }
    const minY = records[at + MIN + REP_Y];
    if (!(minY === minY)) return;
    const maxY = records[at + MAX + REP_Y];
    const toX = this.toX;
    const accumulator = this.accumulator;
    // Only what can still change the column goes in: its first point (nothing before it yet), a new lowest
    // or highest value (an equal one comes later in x and loses the tie), and the latest point.
    if (!this.seen[column]) accumulator.add(toX(records[at + FIRST + rep]), records[at + FIRST + REP_Y]);
    const newLow = minY < this.low[column];
    const newHigh = maxY > this.high[column];
    if (newLow || newHigh) {
      const minX = toX(records[at + MIN + rep]);
      const maxX = toX(records[at + MAX + rep]);
      if (minX <= maxX) {
        if (newLow) accumulator.add(minX, minY);
        if (newHigh) accumulator.add(maxX, maxY);
      } else {
        if (newHigh) accumulator.add(maxX, maxY);
        if (newLow) accumulator.add(minX, minY);
      }
      if (newLow) this.low[column] = minY;
      if (newHigh) this.high[column] = maxY;
    }
    accumulator.add(toX(records[at + LAST + rep]), records[at + LAST + REP_Y]);
    this.seen[column] = 1;
  }

  placement(records: Float64Array, at: number): Placement {
    const first = this.columnOrEdge(this.toX(records[at + this.start]));
    const last = this.columnOrEdge(this.toX(records[at + this.end]));
    if (last < 0 || first >= this.width) return 'outside';
    return first === last ? 'inside' : 'straddles';
  }

  /** Adds one point by its stored step/tokens/time value. */
  addPoint(value: number, y: number): void {
    const x = this.toX(value);
    if (!(x >= this.range.x0 && x <= this.range.x1)) return;
    if (this.axis.log) this.linearX.set(x, value * this.axis.scale + this.axis.offset);
    const column = this.columns.columnOf(x);
    if (Number.isFinite(y)) {
      if (y < this.low[column]) this.low[column] = y;
      if (y > this.high[column]) this.high[column] = y;
      this.seen[column] = 1;
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

  /** The columns a bucket's first and last point fall in, clipped to the chart. */
  private span(records: Float64Array, at: number): [number, number] {
    const from = Math.max(0, this.columnOrEdge(this.toX(records[at + this.start])));
    const to = Math.min(this.width - 1, this.columnOrEdge(this.toX(records[at + this.end])));
    return [from, to];
  }

  /** The columns quarter q of a bucket may reach (its end is taken as the next quarter's start: conservative). */
  private quarterColumns(records: Float64Array, at: number, q: number): [number, number] {
    const base = this.rep - 1;
    const start = q === 0 ? records[at + this.start] : records[at + quarterStart(q) + base];
    const next = q === QUARTER_COUNT - 1 ? NaN : records[at + quarterStart(q + 1) + base];
    const end = Number.isNaN(next) ? records[at + this.end] : next;
    return [this.columnOrEdge(this.toX(start)), this.columnOrEdge(this.toX(end))];
  }

  /**
   * Whether column c may still miss an extreme or a non-finite kind that lies inside this bucket: some
   * quarter reaching into c holds a value beyond what c has, or a kind c lacks lies between the bucket's
   * first and last point of that kind.
   */
  private columnNeeds(records: Float64Array, at: number, c: number): boolean {
    if (records[at + MIN + REP_Y] < this.low[c] || records[at + MAX + REP_Y] > this.high[c]) {
      for (let q = 0; q < QUARTER_COUNT; q++) {
        const low = records[at + quarterLow(q)];
        const high = records[at + quarterHigh(q)];
        if (!(low < this.low[c] || high > this.high[c])) continue;
        const [first, last] = this.quarterColumns(records, at, q);
        if (c >= first && c <= last) return true;
      }
    }
    const rep = this.rep;
    for (let k = 0; k < 3; k++) {
      const firstValue = records[at + markerField(k, false) + rep - 1];
      if (Number.isNaN(firstValue) || (this.kinds[c] & (1 << k)) !== 0) continue;
      const first = this.columnOrEdge(this.toX(firstValue));
      const last = this.columnOrEdge(this.toX(records[at + markerField(k, true) + rep - 1]));
      if (c > first && c < last) return true;
    }
    return false;
  }

  /**
   * Whether a straddling bucket could still hold a column's lowest or highest value, or a non-finite kind a
   * column does not show yet. Its own representatives are already in: only a part of the bucket on the other
   * side of a column edge can beat them, and only if the bucket's extreme beats what the column has.
   */
  needsOpening(records: Float64Array, at: number): boolean {
    const [from, to] = this.span(records, at);
    for (let c = from; c <= to; c++) if (this.columnNeeds(records, at, c)) return true;
    return false;
  }

  /**
   * For opening a 64-point straddler into points: the steps worth reading — from the first to the last
   * quarter that could still matter to a column (on a step axis, also only the steps of those columns,
   * with a step of slack on each side so rounding at the edge is harmless) — and the values a point
   * there must beat to matter.
   */
  probe(records: Float64Array, at: number): { fromStep: number; toStep: number; below: number; above: number } {
    const [from, to] = this.span(records, at);
    let first = -1;
    let last = -1;
    let below = -Infinity;
    let above = Infinity;
    for (let c = from; c <= to; c++) {
      if (!this.columnNeeds(records, at, c)) continue;
      if (first < 0) first = c;
      last = c;
      if (this.low[c] > below) below = this.low[c];
      if (this.high[c] < above) above = this.high[c];
    }
    let fromStep = records[at + START_STEP];
    let toStep = records[at + END_STEP];
    if (first >= 0 && !this.bucketHasMarkers(records, at)) {
      // Quarters that reach no needy column, or hold nothing beyond its bounds, stay unread.
      let q0 = -1;
      let q1 = -1;
      for (let q = 0; q < QUARTER_COUNT; q++) {
        const [qa, qb] = this.quarterColumns(records, at, q);
        const low = records[at + quarterLow(q)];
        const high = records[at + quarterHigh(q)];
        if (qb < first || qa > last || !(low < below || high > above)) continue;
        if (q0 < 0) q0 = q;
        q1 = q;
      }
      if (q0 > 0) fromStep = records[at + quarterStart(q0)];
      if (q1 >= 0 && q1 < QUARTER_COUNT - 1 && !Number.isNaN(records[at + quarterStart(q1 + 1)])) toStep = records[at + quarterStart(q1 + 1)] - 1;
    }
    const { x0, x1, width } = this.range;
    if (this.axis.base === 'step' && !this.axis.log && this.axis.scale === 1 && this.axis.offset === 0 && first >= 0 && x1 > x0) {
      const perColumn = (x1 - x0) / width;
      fromStep = Math.max(fromStep, Math.floor(x0 + first * perColumn) - 1);
      toStep = Math.min(toStep, Math.ceil(x0 + (last + 1) * perColumn) + 1);
    }
    return { fromStep, toStep, below, above };
  }

  private bucketHasMarkers(records: Float64Array, at: number): boolean {
    for (let k = 0; k < 3; k++) if (!Number.isNaN(records[at + markerField(k, false)])) return true;
    return false;
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
