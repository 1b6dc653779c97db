// What a click on a bar, band or cell of a work-split chart opens: the proposals behind the number.
import type { Contribution, SplitMeasure } from '../../../../shared/worksplit';

export interface Drill {
  /** Which bar, band or cell this is, so the view can mark it while the panel is open. */
  id: string;
  /** What was clicked, e.g. "Week of 12 Oct" or "Ana Ruiz, week of 5 Oct". */
  title: string;
  subtitle?: string;
  measure: SplitMeasure;
  criticalPath: number;
  exploratory: number;
  /** Each contribution's percentage is of this: the bucket's total, or the person's elapsed week. */
  denominator: number;
  denominatorLabel: string;
  proposals: Contribution[];
}
