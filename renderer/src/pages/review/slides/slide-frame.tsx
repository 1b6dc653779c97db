// The frame of every slide: where it sits in the review, its title, its body and a footer saying
// what the review covers. Sized by its container: the full screen when presenting, a page when printing.
import type { ReactNode } from 'react';
import type { Slide } from '../review-slides';

export interface SlidePlace {
  number: number;
  count: number;
  /** "since Sun 22 Nov, 15:00 UTC". */
  coverage: string;
}

export function SlideFrame({ slide, place, subtitle, children }: { slide: Slide; place: SlidePlace; subtitle?: ReactNode; children: ReactNode }) {
  return (
    <section className="review-slide" data-slide-kind={slide.kind} data-slide-key={slide.key} aria-roledescription="slide" aria-label={`${place.number} of ${place.count}: ${slide.title}`}>
      <header className="slide-head">
        <div className="slide-kicker">
          <span>{slide.section}</span>
          <span className="slide-number">
            {place.number} / {place.count}
          </span>
        </div>
        <h1>{slide.title}</h1>
        {subtitle && <div className="slide-subtitle">{subtitle}</div>}
      </header>
      <div className="slide-body">{children}</div>
      <footer className="slide-foot">
        <span>Weekly review · {place.coverage}</span>
      </footer>
    </section>
  );
}

/** Rows beyond what a slide holds are counted, never silently dropped. */
export function MoreRows({ shown, total, what }: { shown: number; total: number; what: string }) {
  if (total <= shown) return null;
  return (
    <p className="slide-more">
      … and {total - shown} more {what} (all of them on the Runs page).
    </p>
  );
}
