// The tail of a lab-store run's axis: one (tokens, time) per step its lines logged, appended as the
// lines come. A line repeating the last step fills in what that line gives; a restart cuts the axis.
import type Database from 'better-sqlite3';
import { openAxisChunk, type OpenChunk } from './open-chunk';

export class RunAxisTail {
  private lastStep: number | null = null;
  private lastTokens = NaN;
  private lastTime = NaN;
  private loaded = false;
  private readonly chunk: OpenChunk;

  constructor(sqlite: Database.Database, runPk: number) {
    this.chunk = openAxisChunk(sqlite, runPk);
  }

  private load(): void {
    if (this.loaded) return;
    this.loaded = true;
    const c = this.chunk.columns();
    if (c.length === 0) return;
    this.lastStep = c.steps[c.length - 1]!;
    this.lastTokens = c.tokens![c.length - 1]!;
    this.lastTime = c.times![c.length - 1]!;
  }

  /** A line at `step`: a new step is appended; the same step again fills in what that line gives. */
  note(step: number, tokens: number, time: number): void {
    this.load();
    if (step !== this.lastStep) {
      this.chunk.append(step, NaN, tokens, time);
      this.lastStep = step;
      this.lastTokens = tokens;
      this.lastTime = time;
      return;
    }
    const nextTokens = Number.isNaN(tokens) ? this.lastTokens : tokens;
    const nextTime = Number.isNaN(time) ? this.lastTime : time;
    if (Object.is(nextTokens, this.lastTokens) && Object.is(nextTime, this.lastTime)) return;
    this.chunk.replaceLast(NaN, nextTokens, nextTime);
    this.lastTokens = nextTokens;
    this.lastTime = nextTime;
  }

  /** The axis rows were deleted: start over. */
  reset(): void {
    this.chunk.reset();
    this.forget();
  }

  truncateFrom(step: number): void {
    this.load();
    if (this.lastStep === null || this.lastStep < step) return;
    this.chunk.truncateFrom(step);
    this.forget();
  }

  private forget(): void {
    this.loaded = false;
    this.lastStep = null;
    this.lastTokens = NaN;
    this.lastTime = NaN;
  }

  flush(): void {
    this.chunk.flush();
  }
}
