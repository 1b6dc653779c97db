// The review as a sequence of slides, built from the agenda: the agenda itself, the runs, the
// ablations whose verdict moved, the scaling fits with new runs, the proposals to decide on, the
// decisions taken, the balance, and closing the review. Slides have stable keys, so a live update
// (a run finishing during the meeting, a decision just taken) never moves the one on screen.
import type { DecisionLogRow } from '../../../../shared/api/proposals-methods';
import type { AblationChange, AwaitingProposal, DivergedRun, ReviewAgenda, ReviewRun, ScalingChangeRef, StaleRun } from '../../../../shared/api/review-methods';

export type Slide = { key: string; section: string; title: string } & (
  | { kind: 'agenda' }
  | { kind: 'runs-finished'; runs: ReviewRun[] }
  | { kind: 'runs-failed'; runs: ReviewRun[] }
  | { kind: 'runs-diverged'; runs: DivergedRun[] }
  | { kind: 'runs-stale'; runs: StaleRun[] }
  | { kind: 'ablation'; change: AblationChange }
  | { kind: 'scaling-fit'; ref: ScalingChangeRef }
  | { kind: 'scaling-multiplier'; ref: ScalingChangeRef }
  | { kind: 'proposal'; proposal: AwaitingProposal }
  | { kind: 'decisions'; decisions: DecisionLogRow[] }
  | { kind: 'balance'; balance: ReviewAgenda['balance'] }
  | { kind: 'close' }
);

export type SlideKind = Slide['kind'];

/** Diverged runs drawn on one slide, side by side. */
export const DIVERGED_PER_SLIDE = 4;

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

export function buildSlides(agenda: ReviewAgenda): Slide[] {
  const slides: Slide[] = [{ kind: 'agenda', key: 'agenda', section: 'Agenda', title: 'Weekly review' }];
  const { finished, failed, diverged, stale } = agenda.runs;
  if (finished.length > 0) slides.push({ kind: 'runs-finished', key: 'runs-finished', section: 'Runs', title: `${plural(finished.length, 'run')} finished`, runs: finished });
  if (failed.length > 0) slides.push({ kind: 'runs-failed', key: 'runs-failed', section: 'Runs', title: `${plural(failed.length, 'run')} failed or killed`, runs: failed });
  const divergedPages = chunks(diverged, DIVERGED_PER_SLIDE);
  divergedPages.forEach((runs, i) =>
    slides.push({
      kind: 'runs-diverged',
      key: `runs-diverged:${i}`,
      section: 'Runs',
      title: `${plural(diverged.length, 'run')} diverged${divergedPages.length > 1 ? ` (${i + 1} of ${divergedPages.length})` : ''}`,
      runs,
    }),
  );
  if (stale.length > 0) slides.push({ kind: 'runs-stale', key: 'runs-stale', section: 'Runs', title: `${plural(stale.length, 'run')} stale now`, runs: stale });
  for (const change of agenda.ablations) {
    slides.push({ kind: 'ablation', key: `ablation:${change.id}`, section: 'Ablations', title: change.title ?? change.id, change });
  }
  for (const ref of agenda.scaling) {
    const kind = ref.kind === 'group' ? 'scaling-fit' : 'scaling-multiplier';
    const title = ref.kind === 'group' ? `Scaling fit of ${ref.id}` : `Effective compute: ${ref.title ?? ref.id}`;
    slides.push({ kind, key: `scaling:${ref.kind}:${ref.id}`, section: 'Scaling', title, ref });
  }
  for (const proposal of agenda.proposals) {
    slides.push({ kind: 'proposal', key: `proposal:${proposal.id}`, section: 'To decide', title: proposal.title ?? proposal.id, proposal });
  }
  slides.push({
    kind: 'decisions',
    key: 'decisions',
    section: 'Decided',
    title: agenda.decisions.length === 0 ? 'No decisions since the last review' : `${plural(agenda.decisions.length, 'decision')} since the last review`,
    decisions: agenda.decisions,
  });
  slides.push({ kind: 'balance', key: 'balance', section: 'Balance', title: 'Portfolio balance', balance: agenda.balance });
  slides.push({ kind: 'close', key: 'close', section: 'Close', title: 'Close the review' });
  return slides;
}

/** The agenda in one line per section, for the first slide and the overview. */
export function agendaLines(agenda: ReviewAgenda): { section: string; text: string; empty: boolean }[] {
  const { finished, failed, diverged, stale } = agenda.runs;
  const open = agenda.proposals.filter((p) => p.decidedSince === null).length;
  return [
    { section: 'Runs', text: `${finished.length} finished · ${failed.length} failed or killed · ${diverged.length} diverged · ${stale.length} stale now`, empty: finished.length + failed.length + diverged.length + stale.length === 0 },
    {
      section: 'Ablations',
      text: agenda.ablations.length === 0 ? 'no verdict moved' : `${plural(agenda.ablations.length, 'verdict')} new or changed: ${agenda.ablations.map((a) => a.id).join(', ')}`,
      empty: agenda.ablations.length === 0,
    },
    {
      section: 'Scaling',
      text: agenda.scaling.length === 0 ? 'no fit has new runs' : `${plural(agenda.scaling.length, 'fit')} with new runs: ${agenda.scaling.map((s) => s.id).join(', ')}`,
      empty: agenda.scaling.length === 0,
    },
    {
      section: 'To decide',
      text: agenda.proposals.length === 0 ? 'no proposal has new evidence' : `${plural(agenda.proposals.length, 'proposal')} with new evidence, ${open} awaiting a decision`,
      empty: agenda.proposals.length === 0,
    },
    { section: 'Decided', text: agenda.decisions.length === 0 ? 'nothing decided yet' : `${plural(agenda.decisions.length, 'decision')} since the last review`, empty: agenda.decisions.length === 0 },
    { section: 'Balance', text: agenda.balance.people.sentence, empty: false },
  ];
}

/** The index of the next slide of a kind after `from`, wrapping around; -1 when there is none. */
export function nextOfKind(slides: readonly Slide[], kind: SlideKind, from: number): number {
  for (let step = 1; step <= slides.length; step++) {
    const i = (from + step) % slides.length;
    if (slides[i]!.kind === kind) return i;
  }
  return -1;
}
