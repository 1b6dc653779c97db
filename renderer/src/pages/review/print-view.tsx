// Every slide one after the other at 1920×1080, outside the app's frame, for the PDF export: the
// print style sheet gives each its own landscape page with no chrome. It says when every chart has
// its data and has been laid out (data-print-ready), so printing never catches a slide half-drawn.
import { useIsFetching } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { createPortal } from 'react-dom';
import type { ReviewAgenda } from '../../../../shared/api/review-methods';
import type { Slide } from './review-slides';
import { SlideView } from './slides/slide-view';

export function PrintView({ slides, agenda, coverage, closedAt, onReady }: {
  slides: readonly Slide[];
  agenda: ReviewAgenda;
  coverage: string;
  closedAt: string | null;
  onReady?: () => void;
}) {
  const fetching = useIsFetching();
  const [ready, setReady] = useState(false);
  useEffect(() => {
    if (fetching > 0) {
      setReady(false);
      return;
    }
    // Two frames: the charts measure their width after mounting and draw on the next render.
    let second = 0;
    const first = requestAnimationFrame(() => {
      second = requestAnimationFrame(() => setReady(true));
    });
    return () => {
      cancelAnimationFrame(first);
      cancelAnimationFrame(second);
    };
  }, [fetching]);
  useEffect(() => {
    if (ready) onReady?.();
  }, [ready, onReady]);

  return createPortal(
    <div className="review-print" data-theme="contrast" data-testid="review-print" data-print-ready={ready ? 'true' : 'false'}>
      <div className="print-status" role="status">
        {ready ? `${slides.length} slides ready to print.` : 'Preparing every slide for the PDF…'}
      </div>
      {slides.map((slide, i) => (
        <div className="print-page" key={slide.key}>
          <SlideView slide={slide} slides={slides} agenda={agenda} place={{ number: i + 1, count: slides.length, coverage }} closedAt={closedAt} />
        </div>
      ))}
    </div>,
    document.body,
  );
}
