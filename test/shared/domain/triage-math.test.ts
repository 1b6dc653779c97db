// The pure rules behind triage: the cost score, the Pareto frontier and regions, unproven gains,
// which decision wins, which pairs conflict, and where an event file goes.
import { describe, expect, it } from 'vitest';
import { complexityCost, describeCostWeights, DEFAULT_COST_WEIGHTS } from '../../../shared/domain/complexity-cost';
import { findDecisionConflicts, latestDecision, type DecisionLike } from '../../../shared/domain/decision-conflicts';
import { DEFAULT_REGION_THRESHOLDS, gainRegion, isUnproven, paretoFrontier } from '../../../shared/domain/gain-vs-cost';
import { eventStorePath } from '../../../shared/domain/store-events';

describe('complexity cost', () => {
  it('is the weighted sum, with 5 % usability tax worth 2 points by default', () => {
    const cost = complexityCost({ code: 3, knobs: 2, infra: 1, risk: 2, usability_tax: 0.05 });
    expect(cost.total).toBeCloseTo(10, 12);
    expect(cost.parts).toEqual({ code: 3, knobs: 2, infra: 1, risk: 2, usability_tax: 2 });
    expect(cost.missing).toEqual([]);
    expect(describeCostWeights(DEFAULT_COST_WEIGHTS)).toBe('cost = 1×code + 1×knobs + 1×infra + 1×risk + 40×usability tax (so 5 % tax = 2.0 points)');
  });

  it('counts a missing field as 0 and says which', () => {
    const cost = complexityCost({ code: 5 }, { ...DEFAULT_COST_WEIGHTS, code: 2 });
    expect(cost.total).toBe(10);
    expect(cost.missing).toEqual(['knobs', 'infra', 'risk', 'usability_tax']);
  });
});

describe('gain against cost', () => {
  const points = [
    { id: 'cheap-small', cost: 2, gain: 0.1, interval: [0.05, 0.15] as [number, number] },
    { id: 'cheap-big', cost: 4, gain: 1.0, interval: [0.4, 1.6] as [number, number] },
    { id: 'dominated', cost: 6, gain: 0.5, interval: [-0.1, 1.1] as [number, number] },
    { id: 'costly-best', cost: 20, gain: 1.5, interval: [1.0, 2.0] as [number, number] },
    { id: 'unmeasured', cost: 1, gain: null, interval: null },
  ];

  it('keeps on the frontier only what nothing cheaper-and-better beats, in order of cost', () => {
    expect(paretoFrontier(points)).toEqual(['cheap-small', 'cheap-big', 'costly-best']);
  });

  it('calls an interval that includes 0 unproven, and a missing one too', () => {
    expect(points.map((p) => isUnproven(p))).toEqual([false, false, true, false, true]);
  });

  it('places points in the region their position shades', () => {
    const t = DEFAULT_REGION_THRESHOLDS;
    expect(points.map((p) => gainRegion(p, t))).toEqual(['explore', 'adopt', 'adopt', 'think-twice', null]);
    expect(gainRegion({ cost: 30, gain: -1 }, t)).toBe('drop');
  });
});

describe('decisions', () => {
  const d = (id: string, at: string, author: string, decision: DecisionLike['decision']): DecisionLike => ({ id, at, author, decision });

  it('the latest by time wins, then by id when two share a time (even written in other zones)', () => {
    const list = [d('01B', '2026-11-20T10:00:00Z', 'ana', 'adopt'), d('01A', '2026-11-20T11:00:00+01:00', 'raj', 'drop'), d('01C', '2026-11-19T00:00:00Z', 'mei', 'park')];
    expect(latestDecision(list)!.id).toBe('01B');
  });

  it('flags different outcomes within a day, or by different people within two weeks, and not revisions', () => {
    const conflicts = findDecisionConflicts([
      d('1', '2026-11-01T10:00:00Z', 'ana', 'continue'),
      d('2', '2026-11-01T10:05:00Z', 'raj', 'drop'),
      d('3', '2026-11-05T09:00:00Z', 'ana', 'continue'),
      d('4', '2026-11-30T09:00:00Z', 'ana', 'adopt'),
      d('5', '2026-11-30T09:00:00Z', 'ana', 'adopt'),
    ]);
    expect(conflicts.map((c) => [c.earlierId, c.laterId])).toEqual([
      ['1', '2'],
      ['2', '3'],
    ]);
    expect(conflicts[0]!.reason).toBe('ana (continue) and raj (drop), 5 min apart');
  });
});

describe('event paths', () => {
  it('files an event under the UTC year and month of its time', () => {
    expect(eventStorePath({ id: '01JDQ7AAAAAAAAAAAAAAAAAAAA', at: '2026-12-31T23:30:00-02:00' })).toBe('events/2027/01/01JDQ7AAAAAAAAAAAAAAAAAAAA.json');
    expect(() => eventStorePath({ id: '../x', at: '2026-01-01T00:00:00Z' })).toThrow(/cannot name a file/);
  });
});
