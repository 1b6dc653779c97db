// The review's slides built from an agenda, and what every key of the presentation does on them.
import { describe, expect, it } from 'vitest';
import type { AwaitingProposal, DivergedRun, ReviewAgenda, ReviewRun } from '../../../../shared/api/review-methods';
import type { BalanceNow } from '../../../../shared/worksplit';
import { slideKeyAction } from '../../../../renderer/src/pages/review/review-keys';
import { agendaLines, buildSlides, type Slide } from '../../../../renderer/src/pages/review/review-slides';

const balance = { sentence: 'De-risking: 34 % exploratory (target 20 %), falling' } as BalanceNow;

function run(id: string): ReviewRun {
  return { id, name: null, owner: 'ana', group: null, ablation: null, variant: null, proposal: null, params: null, state: 'finished', stateUpdatedAt: null, message: null, lastStep: 1, loss: null };
}

function proposal(id: string): AwaitingProposal {
  return {
    id,
    title: `Proposal ${id}`,
    status: 'active',
    kind: 'exploratory',
    area: 'model',
    owner: 'ana',
    complexity: null,
    cost: null,
    chipHoursSpent: 0,
    chipHoursBudget: null,
    changedAblations: [],
    newRuns: [],
    evidence: null,
    evidenceNotes: [],
    lastDecision: null,
    decidedSince: null,
    pendingDecisions: [],
  };
}

function agenda(parts: Partial<Pick<ReviewAgenda, 'proposals' | 'decisions'>> & { finished?: number; diverged?: number } = {}): ReviewAgenda {
  const diverged = Array.from({ length: parts.diverged ?? 0 }, (_, i) => ({ ...run(`d-${i}`), metric: 'train/loss' }) as DivergedRun);
  return {
    since: '2026-11-22T15:00:00.000Z',
    source: 'review',
    lastReview: null,
    generatedAt: '2026-11-29T10:00:00.000Z',
    runs: { finished: Array.from({ length: parts.finished ?? 0 }, (_, i) => run(`f-${i}`)), failed: [], diverged, stale: [] },
    ablations: [],
    scaling: [{ kind: 'group', id: 'ladder', title: null, newRuns: ['f-0'] }],
    proposals: parts.proposals ?? [],
    decisions: parts.decisions ?? [],
    balance: { people: balance, compute: balance, peopleAtLastReview: balance },
  };
}

const at = (slides: Slide[], index: number, digits = '') => ({ slides, index, digits });

describe('buildSlides', () => {
  it('opens with the agenda, closes with closing, leaves out empty sections and pages the diverged runs', () => {
    const slides = buildSlides(agenda({ finished: 3, diverged: 5, proposals: [proposal('p-1'), proposal('p-2')] }));
    expect(slides.map((s) => s.key)).toEqual([
      'agenda',
      'runs-finished',
      'runs-diverged:0',
      'runs-diverged:1',
      'scaling:group:ladder',
      'proposal:p-1',
      'proposal:p-2',
      'decisions',
      'balance',
      'close',
    ]);
    expect(slides.map((s) => s.title).slice(1, 4)).toEqual(['3 runs finished', '5 runs diverged (1 of 2)', '5 runs diverged (2 of 2)']);
    expect(slides.find((s) => s.key === 'decisions')!.title).toBe('No decisions since the last review');
  });

  it('says what each section holds, empty ones too', () => {
    const lines = agendaLines(agenda({ finished: 1, proposals: [proposal('p-1'), { ...proposal('p-2'), decidedSince: { id: 'e', at: '', author: null, decision: 'drop', rationale: 'x' } }] }));
    expect(lines.map((l) => [l.section, l.empty])).toEqual([
      ['Runs', false],
      ['Ablations', true],
      ['Scaling', false],
      ['To decide', false],
      ['Decided', true],
      ['Balance', false],
    ]);
    expect(lines[3]!.text).toBe('2 proposals with new evidence, 1 awaiting a decision');
  });
});

describe('slideKeyAction', () => {
  const slides = buildSlides(agenda({ finished: 2, proposals: [proposal('p-1'), proposal('p-2')] }));
  // agenda, runs-finished, scaling, p-1, p-2, decisions, balance, close
  const last = slides.length - 1;

  it('walks with →, Space and PageDown, back with ← and PageUp, and stops at both ends', () => {
    expect(slideKeyAction('ArrowRight', at(slides, 0))).toEqual({ type: 'go', index: 1, digits: '' });
    expect(slideKeyAction(' ', at(slides, 1))).toMatchObject({ index: 2 });
    expect(slideKeyAction('PageDown', at(slides, 2))).toMatchObject({ index: 3 });
    expect(slideKeyAction('ArrowRight', at(slides, last))).toMatchObject({ index: last });
    expect(slideKeyAction('ArrowLeft', at(slides, 3))).toMatchObject({ index: 2 });
    expect(slideKeyAction('PageUp', at(slides, 0))).toMatchObject({ index: 0 });
    expect(slideKeyAction('Home', at(slides, 5))).toMatchObject({ index: 0 });
    expect(slideKeyAction('End', at(slides, 0))).toMatchObject({ index: last });
  });

  it('goes to a slide by its number, two digits when there are that many', () => {
    expect(slideKeyAction('3', at(slides, 0))).toEqual({ type: 'go', index: 2, digits: '' });
    expect(slideKeyAction('9', at(slides, 0))).toEqual({ type: 'none', digits: '' });
    const many: Slide[] = Array.from({ length: 14 }, (_, i) => ({ kind: 'agenda', key: `s${i}`, section: 'x', title: 'x' }));
    const first = slideKeyAction('1', at(many, 5));
    expect(first).toEqual({ type: 'go', index: 0, digits: '1' });
    expect(slideKeyAction('2', at(many, 0, '1'))).toEqual({ type: 'go', index: 11, digits: '' });
    // "1" then "7": no slide 17, so 7 alone.
    expect(slideKeyAction('7', at(many, 0, '1'))).toEqual({ type: 'go', index: 6, digits: '' });
    expect(slideKeyAction('0', at(many, 3))).toEqual({ type: 'none', digits: '' });
  });

  it('t jumps to the next proposal to decide, wrapping around', () => {
    expect(slideKeyAction('t', at(slides, 0))).toMatchObject({ type: 'go', index: 3 });
    expect(slideKeyAction('t', at(slides, 3))).toMatchObject({ type: 'go', index: 4 });
    expect(slideKeyAction('t', at(slides, 4))).toMatchObject({ type: 'go', index: 3 });
    expect(slideKeyAction('t', at(buildSlides(agenda()), 0))).toEqual({ type: 'none', digits: '' });
  });

  it('takes a decision only on a proposal slide, closes the review only on the last', () => {
    expect(slideKeyAction('d', at(slides, 3))).toEqual({ type: 'decide', decision: 'drop' });
    expect(slideKeyAction('a', at(slides, 4))).toEqual({ type: 'decide', decision: 'adopt' });
    expect(slideKeyAction('p', at(slides, 4))).toEqual({ type: 'decide', decision: 'park' });
    expect(slideKeyAction('c', at(slides, 4))).toEqual({ type: 'decide', decision: 'continue' });
    expect(slideKeyAction('d', at(slides, 1))).toEqual({ type: 'none', digits: '' });
    expect(slideKeyAction('Enter', at(slides, last))).toEqual({ type: 'close-review' });
    expect(slideKeyAction('Enter', at(slides, 3))).toEqual({ type: 'none', digits: '' });
  });

  it('g opens the overview, s saves the slide, Escape leaves', () => {
    expect(slideKeyAction('g', at(slides, 2))).toEqual({ type: 'overview' });
    expect(slideKeyAction('s', at(slides, 2))).toEqual({ type: 'save-png' });
    expect(slideKeyAction('Escape', at(slides, 2))).toEqual({ type: 'exit' });
  });
});
