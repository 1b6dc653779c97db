// Presentation mode: one slide filling the screen in the high-contrast theme, driven by the keyboard
// alone (see review-keys), with an overview to jump from (g). The app's sidebar is covered; Escape,
// or leaving full screen, ends it.
import { useIsFetching } from '@tanstack/react-query';
import { useEffect, useRef, useState, type CSSProperties } from 'react';
import type { ReviewAgenda } from '../../../../shared/api/review-methods';
import type { DecisionOutcome } from '../../../../shared/domain/store-events';
import { slideKeyAction } from './review-keys';
import { SlideScaleContext, useFitScale } from './slide-scale';
import type { Slide } from './review-slides';
import { SlideView } from './slides/slide-view';
import type { SlidePlace } from './slides/slide-frame';

export interface PresentationProps {
  slides: readonly Slide[];
  agenda: ReviewAgenda;
  index: number;
  coverage: string;
  closedAt: string | null;
  /** A dialog (decision, closing) is open: it has the keyboard. */
  dialogOpen: boolean;
  notice: string | null;
  onIndex(index: number): void;
  onExit(): void;
  onDecide(decision: DecisionOutcome): void;
  onCloseReview(): void;
  onSavePng(element: HTMLElement): void;
}

function isTyping(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && target.closest('input, textarea, select, [role="dialog"]') !== null;
}

function Overview({ slides, index, onGo, onClose }: { slides: readonly Slide[]; index: number; onGo(i: number): void; onClose(): void }) {
  const [selected, setSelected] = useState(index);
  const list = useRef<HTMLOListElement>(null);
  useEffect(() => {
    list.current?.querySelector<HTMLElement>(`[data-index="${selected}"]`)?.scrollIntoView({ block: 'nearest' });
  }, [selected]);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const go = (i: number) => {
        e.preventDefault();
        setSelected(Math.max(0, Math.min(slides.length - 1, i)));
      };
      if (e.key === 'ArrowDown' || e.key === 'ArrowRight') go(selected + 1);
      else if (e.key === 'ArrowUp' || e.key === 'ArrowLeft') go(selected - 1);
      else if (e.key === 'Home') go(0);
      else if (e.key === 'End') go(slides.length - 1);
      else if (e.key === 'Enter') {
        e.preventDefault();
        onGo(selected);
      } else if (e.key === 'Escape' || e.key === 'g') {
        e.preventDefault();
        onClose();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [selected, slides.length, onGo, onClose]);
  return (
    <div className="slide-overview" role="dialog" aria-label="Go to slide" data-testid="slide-overview">
      <h2>Go to slide <span className="muted">↑ ↓ then Enter · g to close</span></h2>
      <ol ref={list}>
        {slides.map((slide, i) => (
          <li key={slide.key} data-index={i} aria-current={i === selected ? 'true' : undefined} className={i === index ? 'shown' : undefined}>
            <span className="overview-no">{i + 1}</span> <span className="overview-section">{slide.section}</span> {slide.title}
          </li>
        ))}
      </ol>
    </div>
  );
}

export function Presentation(props: PresentationProps) {
  const { slides, index, agenda } = props;
  const [digits, setDigits] = useState('');
  const [overview, setOverview] = useState(false);
  const stage = useRef<HTMLDivElement>(null);
  const fetching = useIsFetching();
  const scale = useFitScale(stage);
  const latest = useRef(props);
  latest.current = props;

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const p = latest.current;
      if (overview || p.dialogOpen || e.ctrlKey || e.metaKey || e.altKey || isTyping(e.target)) return;
      const action = slideKeyAction(e.key, { slides: p.slides, index: p.index, digits });
      switch (action.type) {
        case 'go':
          p.onIndex(action.index);
          setDigits(action.digits);
          break;
        case 'exit':
          p.onExit();
          break;
        case 'overview':
          setOverview(true);
          break;
        case 'decide':
          p.onDecide(action.decision);
          break;
        case 'close-review':
          p.onCloseReview();
          break;
        case 'save-png': {
          const slide = stage.current?.querySelector<HTMLElement>('.review-slide');
          if (slide) p.onSavePng(slide);
          break;
        }
        case 'none':
          setDigits(action.digits);
          return;
      }
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [digits, overview]);

  // Leaving full screen (the browser takes Escape for that) leaves the presentation too.
  useEffect(() => {
    const onChange = () => {
      if (!document.fullscreenElement) latest.current.onExit();
    };
    document.addEventListener('fullscreenchange', onChange);
    return () => document.removeEventListener('fullscreenchange', onChange);
  }, []);

  const slide = slides[index]!;
  const place: SlidePlace = { number: index + 1, count: slides.length, coverage: props.coverage };
  return (
    <div className="review-presentation" data-theme="contrast" data-testid="presentation" data-busy={fetching > 0 ? 'true' : 'false'}>
      <div className="review-stage" ref={stage} style={{ '--slide-scale': scale } as CSSProperties}>
        <SlideScaleContext.Provider value={scale}>
          <SlideView key={slide.key} slide={slide} slides={slides} agenda={agenda} place={place} closedAt={props.closedAt} />
        </SlideScaleContext.Provider>
      </div>
      {(props.notice || digits) && (
        <div className="presentation-notice" role="status">
          {digits ? `Slide ${digits}…` : props.notice}
        </div>
      )}
      {overview && (
        <Overview
          slides={slides}
          index={index}
          onGo={(i) => {
            setOverview(false);
            props.onIndex(i);
          }}
          onClose={() => setOverview(false)}
        />
      )}
    </div>
  );
}
