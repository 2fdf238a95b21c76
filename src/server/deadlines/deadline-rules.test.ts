import { describe, expect, it } from 'vitest';
import { deadlineState, nextCheckinAfter, nextDueOn } from './deadline-rules.js';

const open = {
  status: 'received',
  ackDueOn: '2026-01-08',
  acknowledgedOn: null,
  feedbackDueOn: '2026-04-02',
  feedbackGivenOn: null,
};

describe('deadline rules', () => {
  it('moves from the acknowledgement to the feedback deadline, and to none when met or closed', () => {
    expect(nextDueOn(open)).toBe('2026-01-08');
    expect(nextDueOn({ ...open, acknowledgedOn: '2026-01-03' })).toBe('2026-04-02');
    expect(
      nextDueOn({ ...open, acknowledgedOn: '2026-01-03', feedbackGivenOn: '2026-02-01' }),
    ).toBeNull();
    expect(nextDueOn({ ...open, status: 'closed' })).toBeNull();
  });

  it('says due from the lead days before, and overdue after the date', () => {
    expect(deadlineState('2026-01-08', '2026-01-05', 2)).toBeUndefined();
    expect(deadlineState('2026-01-08', '2026-01-06', 2)).toBe('due');
    expect(deadlineState('2026-01-08', '2026-01-08', 2)).toBe('due');
    expect(deadlineState('2026-01-08', '2026-01-09', 2)).toBe('overdue');
    expect(deadlineState(null, '2026-01-09', 2)).toBeUndefined();
  });

  it('schedules the next check-in after today, every N weeks', () => {
    expect(nextCheckinAfter('2026-01-01', 4, '2026-01-01')).toBe('2026-01-29');
    expect(nextCheckinAfter('2026-01-01', 4, '2026-02-10')).toBe('2026-02-26');
  });
});
