import { describe, expect, it } from 'vitest';
import { proposalEndedAt } from '../../../shared/worksplit';

describe('when a proposal stopped, from its decisions', () => {
  it('is the time of the latest decision when it adopts, drops or parks', () => {
    expect(proposalEndedAt([
      { id: '01A', at: '2026-10-01T09:00:00Z', decision: 'continue' },
      { id: '01B', at: '2026-10-08T15:00:00Z', decision: 'drop' },
    ])).toBe('2026-10-08T15:00:00Z');
    expect(proposalEndedAt([{ id: '01A', at: '2026-10-14T09:30:00Z', decision: 'park' }])).toBe('2026-10-14T09:30:00Z');
  });

  it('is nothing when the latest decision is continue, or there is none', () => {
    expect(proposalEndedAt([
      { id: '01B', at: '2026-10-08T15:00:00Z', decision: 'park' },
      { id: '01C', at: '2026-10-20T08:00:00+02:00', decision: 'continue' },
    ])).toBeUndefined();
    expect(proposalEndedAt([])).toBeUndefined();
  });

  it('orders by time, then by id, as the lab store does', () => {
    // 10:00+02:00 is 08:00Z, earlier than the adopt at 09:00Z despite sorting later as text
    expect(proposalEndedAt([
      { id: '01A', at: '2026-10-20T09:00:00Z', decision: 'adopt' },
      { id: '01B', at: '2026-10-20T10:00:00+02:00', decision: 'continue' },
    ])).toBe('2026-10-20T09:00:00Z');
    expect(proposalEndedAt([
      { id: '01Z', at: '2026-10-20T09:00:00Z', decision: 'continue' },
      { id: '01A', at: '2026-10-20T09:00:00Z', decision: 'drop' },
    ])).toBeUndefined();
  });
});
