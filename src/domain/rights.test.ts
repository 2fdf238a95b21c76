import { describe, expect, it } from 'vitest';
import { addMonths, daysLeft, dueOnFor, extendedDueOn, reminderOn } from './rights.js';

describe('the legal term of a data-subject request (art. 12(3))', () => {
  it('is one month from receipt, clamped to the end of a shorter month', () => {
    expect(dueOnFor('2026-03-15')).toBe('2026-04-15');
    expect(dueOnFor('2026-01-31')).toBe('2026-02-28');
    expect(dueOnFor('2028-01-31')).toBe('2028-02-29');
    expect(dueOnFor('2026-12-20')).toBe('2027-01-20');
  });
  it('extends once to three months from receipt', () => {
    expect(extendedDueOn('2026-11-30')).toBe('2027-02-28');
    expect(addMonths('2026-05-31', 3)).toBe('2026-08-31');
  });
  it('reminds a week before, and counts the days left (negative when late)', () => {
    expect(reminderOn('2027-01-04')).toBe('2026-12-28');
    expect(daysLeft('2027-01-04', '2026-12-28')).toBe(7);
    expect(daysLeft('2027-01-04', '2027-01-06')).toBe(-2);
  });
});
