// One slide of the review, whatever its kind, in its frame.
import type { ReviewAgenda } from '../../../../../shared/api/review-methods';
import type { Slide } from '../review-slides';
import { AblationBody } from './ablation-slide';
import { DivergedBody } from './diverged-slide';
import { ProposalBody } from './proposal-slide';
import { FailedRunsBody, FinishedRunsBody, StaleRunsBody } from './runs-slides';
import { MultiplierBody, ScalingFitBody } from './scaling-slides';
import { SlideFrame, type SlidePlace } from './slide-frame';
import { AgendaBody, BalanceBody, CloseBody, DecisionsBody } from './summary-slides';

export interface SlideViewProps {
  slide: Slide;
  slides: readonly Slide[];
  agenda: ReviewAgenda;
  place: SlidePlace;
  /** When this screen closed the review (the close slide then says so). */
  closedAt: string | null;
}

function Body({ slide, slides, agenda, closedAt }: Omit<SlideViewProps, 'place'>) {
  switch (slide.kind) {
    case 'agenda':
      return <AgendaBody agenda={agenda} slides={slides} />;
    case 'runs-finished':
      return <FinishedRunsBody runs={slide.runs} />;
    case 'runs-failed':
      return <FailedRunsBody runs={slide.runs} />;
    case 'runs-diverged':
      return <DivergedBody runs={slide.runs} />;
    case 'runs-stale':
      return <StaleRunsBody runs={slide.runs} />;
    case 'ablation':
      return <AblationBody change={slide.change} />;
    case 'scaling-fit':
      return <ScalingFitBody refData={slide.ref} since={agenda.since} />;
    case 'scaling-multiplier':
      return <MultiplierBody refData={slide.ref} since={agenda.since} />;
    case 'proposal':
      return <ProposalBody proposal={slide.proposal} />;
    case 'decisions':
      return <DecisionsBody decisions={slide.decisions} />;
    case 'balance':
      return <BalanceBody balance={slide.balance} />;
    case 'close':
      return <CloseBody agenda={agenda} closedAt={closedAt} />;
  }
}

export function SlideView(props: SlideViewProps) {
  return (
    <SlideFrame slide={props.slide} place={props.place}>
      <Body {...props} />
    </SlideFrame>
  );
}
