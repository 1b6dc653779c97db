// The Review page: the weekly meeting's agenda built from what changed since the last review event,
// each item a slide. Present it full screen from the keyboard, decide on proposals in place, close
// the review (a `review` event), export it as PDF or any slide as PNG. Opened with ?present=1 it
// starts presenting at once: a room display (`tessera serve`, read-only) follows the store live.
import { useCallback, useEffect, useMemo, useRef, useState, type CSSProperties } from 'react';
import type { WriteEventResult } from '../../../../shared/api/proposals-methods';
import type { DecisionOutcome } from '../../../../shared/domain/store-events';
import { useApiQuery } from '../../api/use-api';
import { updateParams, useRoute } from '../../app/router';
import { IdentityPicker } from '../../components/identity/identity-picker';
import { PageHeader } from '../../components/page-header';
import { ErrorPanel, LoadingState } from '../../components/state-views';
import { DECISION_LABELS } from '../../components/proposals/proposals-format';
import { RationaleDialog, type DecisionRequest } from '../../components/proposals/rationale-dialog';
import { CloseReviewDialog } from './close-review-dialog';
import { Presentation } from './presentation';
import { PrintView } from './print-view';
import { READ_ONLY_NOTE, READ_ONLY_NOTICE, ReviewContext, type ReviewActions } from './review-context';
import { formatDay } from './review-format';
import { buildSlides } from './review-slides';
import { downloadBlob, renderSlidePng, slideFileName } from './slide-png';
import { SlideScaleContext, useFitScale } from './slide-scale';
import { SlideView } from './slides/slide-view';
import './review-page.css';

const SINCE_CHOICES = [
  { days: 0, label: 'since the last review' },
  { days: 7, label: 'over the last 7 days' },
  { days: 14, label: 'over the last 14 days' },
  { days: 30, label: 'over the last 30 days' },
  { days: 60, label: 'over the last 60 days' },
] as const;

/** The agenda covers the time since the last review unless another start is chosen (a missed meeting). */
function SincePicker({ since }: { since: string | undefined }) {
  const chosen = since === undefined ? 0 : (SINCE_CHOICES.find((c) => c.days > 0 && Math.abs(Date.parse(since) - (Date.now() - c.days * 86_400_000)) < 86_400_000)?.days ?? -1);
  return (
    <label className="row">
      <span className="muted">Agenda</span>
      <select
        className="input"
        value={chosen}
        onChange={(e) => {
          const days = Number(e.target.value);
          updateParams({ since: days > 0 ? new Date(Math.floor((Date.now() - days * 86_400_000) / 3_600_000) * 3_600_000).toISOString() : undefined, slide: undefined });
        }}
      >
        {chosen === -1 && <option value={-1}>since {since}</option>}
        {SINCE_CHOICES.map((c) => (
          <option key={c.days} value={c.days}>
            {c.label}
          </option>
        ))}
      </select>
    </label>
  );
}

function isTyping(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && target.closest('input, textarea, select, [role="dialog"]') !== null;
}

/** Full screen needs a user gesture: asked for from the key press or click that starts presenting. */
function startPresenting(): void {
  document.documentElement.requestFullscreen?.().catch(() => {
    // Refused (no gesture, or a kiosk that is full screen already): the presentation still covers the window.
  });
  updateParams({ present: '1' });
}

function stopPresenting(): void {
  if (document.fullscreenElement) void document.exitFullscreen().catch(() => {});
  updateParams({ present: undefined });
}

export function ReviewPage() {
  const { params } = useRoute();
  const since = params.get('since') ?? undefined;
  const presenting = params.get('present') === '1';
  const printing = params.get('print') === '1';
  const agenda = useApiQuery('getReviewAgenda', since ? { since } : {});
  const info = useApiQuery('getAppInfo', {});
  const [decision, setDecision] = useState<DecisionRequest | null>(null);
  const [closing, setClosing] = useState(false);
  const [closedAt, setClosedAt] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const lastIndex = useRef(0);
  const previewRef = useRef<HTMLDivElement>(null);
  const previewScale = useFitScale(previewRef, true);
  const printRequested = useRef(false);

  const slides = useMemo(() => (agenda.data ? buildSlides(agenda.data) : []), [agenda.data]);
  const key = params.get('slide') ?? 'agenda';
  const found = slides.findIndex((s) => s.key === key);
  // A slide that left the agenda (a stale run came back) gives way to its neighbour.
  const index = found >= 0 ? found : Math.min(lastIndex.current, Math.max(0, slides.length - 1));
  lastIndex.current = index;
  const slide = slides[index];
  const canWrite = info.data?.canWrite ?? false;
  const coverage = agenda.data ? `since ${formatDay(agenda.data.since)}` : '';

  useEffect(() => {
    if (!notice) return;
    const timer = setTimeout(() => setNotice(null), 5000);
    return () => clearTimeout(timer);
  }, [notice]);

  const setIndex = useCallback((i: number) => updateParams({ slide: slides[i]?.key }), [slides]);

  const decide = useCallback(
    (proposalId: string, title: string | null, outcome: DecisionOutcome) => {
      if (!canWrite) return setNotice(READ_ONLY_NOTICE);
      setDecision({ proposalId, title, decision: outcome });
    },
    [canWrite],
  );
  const closeReview = useCallback(() => (canWrite ? setClosing(true) : setNotice(READ_ONLY_NOTICE)), [canWrite]);
  const savePng = useCallback(
    (element: HTMLElement, number: number, slideKey: string) => {
      const day = new Date().toISOString().slice(0, 10);
      renderSlidePng(element).then(
        (blob) => {
          downloadBlob(blob, slideFileName(day, number, slideKey));
          setNotice(`Slide ${number} saved as PNG.`);
        },
        (error: unknown) => setNotice(`The slide could not be saved as PNG: ${(error as Error).message}`),
      );
    },
    [],
  );

  const exportPdf = () => {
    printRequested.current = true;
    updateParams({ print: '1' });
  };
  const onPrintReady = useCallback(() => {
    if (!printRequested.current) return;
    printRequested.current = false;
    const name = `review-${new Date().toISOString().slice(0, 10)}`;
    const done = () => updateParams({ print: undefined });
    if (window.tessera?.printToPdf) {
      window.tessera.printToPdf(name).then(
        (file) => {
          setNotice(file ? `Saved ${file}` : 'PDF export cancelled.');
          done();
        },
        (error: unknown) => {
          setNotice(`The PDF could not be written: ${(error as Error).message}`);
          done();
        },
      );
    } else {
      window.print();
      done();
    }
  }, []);

  // On the page (not presenting), f starts presenting from the keyboard.
  useEffect(() => {
    if (presenting) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'f' || e.ctrlKey || e.metaKey || e.altKey || isTyping(e.target) || !slides.length) return;
      e.preventDefault();
      startPresenting();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [presenting, slides.length]);

  const onDecided = (result: WriteEventResult | null) => {
    const request = decision;
    setDecision(null);
    if (!result || !request) return;
    setNotice(
      result.state === 'written'
        ? `${DECISION_LABELS[request.decision]}: ${request.proposalId} — written to the store.`
        : `${DECISION_LABELS[request.decision]}: ${request.proposalId} waits in the outbox (${result.reason}).`,
    );
  };
  const onClosed = (result: WriteEventResult | null) => {
    setClosing(false);
    if (!result) return;
    setClosedAt(result.event.at);
    setNotice(result.state === 'written' ? 'The review is closed: the next agenda starts here.' : `The review event waits in the outbox (${result.reason}).`);
  };

  const actions: ReviewActions = {
    canWrite,
    since: agenda.data?.since ?? '',
    decide,
    closeReview,
  };

  if (agenda.error) {
    return (
      <div className="page">
        <PageHeader title="Review" />
        <ErrorPanel error={agenda.error} title="The review agenda could not be built" />
      </div>
    );
  }
  if (!agenda.data || !slide) {
    return (
      <div className="page">
        <PageHeader title="Review" />
        <LoadingState what="the review agenda" />
      </div>
    );
  }
  const data = agenda.data;
  const dialogs = (decision || closing) && (
    <div className={presenting ? 'review-dialogs presenting' : 'review-dialogs'} data-theme={presenting ? 'contrast' : undefined}>
      {decision && <RationaleDialog request={decision} onClose={onDecided} />}
      {closing && <CloseReviewDialog onClose={onClosed} />}
    </div>
  );

  return (
    <ReviewContext.Provider value={actions}>
      {presenting ? (
        <Presentation
          slides={slides}
          agenda={data}
          index={index}
          coverage={coverage}
          closedAt={closedAt}
          dialogOpen={decision !== null || closing}
          notice={notice}
          onIndex={setIndex}
          onExit={stopPresenting}
          onDecide={(outcome) => slide.kind === 'proposal' && decide(slide.proposal.id, slide.proposal.title, outcome)}
          onCloseReview={closeReview}
          onSavePng={(element) => savePng(element, index + 1, slide.key)}
        />
      ) : (
        <div className="page review-page">
          <PageHeader title="Review" subtitle={`${slides.length} slides · what changed ${coverage}`}>
            <button className="btn primary" onClick={startPresenting} data-testid="present">
              Present <kbd>f</kbd>
            </button>
            <button className="btn" onClick={exportPdf} data-testid="export-pdf">
              Export PDF
            </button>
            <SincePicker since={since} />
            {canWrite && <IdentityPicker />}
          </PageHeader>
          {!canWrite && <p className="badge">{READ_ONLY_NOTE}</p>}
          {notice && (
            <p className="review-notice" role="status">
              {notice}
            </p>
          )}
          <div className="review-layout">
            <nav className="panel review-outline" aria-label="Slides">
              <ol>
                {slides.map((s, i) => (
                  <li key={s.key} aria-current={i === index ? 'true' : undefined}>
                    <button className="outline-link" onClick={() => setIndex(i)}>
                      <span className="outline-no">{i + 1}</span> <span className="muted">{s.section}</span> {s.title}
                    </button>
                  </li>
                ))}
              </ol>
            </nav>
            <div className="review-preview">
              <div className="row preview-actions">
                <button className="btn" disabled={index === 0} onClick={() => setIndex(index - 1)}>
                  ← Previous
                </button>
                <button className="btn" disabled={index === slides.length - 1} onClick={() => setIndex(index + 1)}>
                  Next →
                </button>
                <span className="grow" />
                <button
                  className="btn"
                  data-testid="save-png"
                  onClick={(e) => {
                    const element = (e.currentTarget.closest('.review-preview') as HTMLElement).querySelector<HTMLElement>('.review-slide');
                    if (element) savePng(element, index + 1, slide.key);
                  }}
                >
                  Save slide as PNG
                </button>
              </div>
              <div className="review-stage preview" data-theme="contrast" ref={previewRef} style={{ '--slide-scale': previewScale } as CSSProperties}>
                <SlideScaleContext.Provider value={previewScale}>
                  <SlideView key={slide.key} slide={slide} slides={slides} agenda={data} place={{ number: index + 1, count: slides.length, coverage }} closedAt={closedAt} />
                </SlideScaleContext.Provider>
              </div>
            </div>
          </div>
        </div>
      )}
      {dialogs}
      {printing && <PrintView slides={slides} agenda={data} coverage={coverage} closedAt={closedAt} onReady={onPrintReady} />}
    </ReviewContext.Provider>
  );
}
