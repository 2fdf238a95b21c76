import { describe, expect, it } from 'vitest';
import { formatDate, formatNumber } from '../src/ui/dates.js';

describe('dates and numbers in the reader’s style (issue 19)', () => {
  it('writes dates the Dutch way in Dutch and the British way in English', () => {
    expect(formatDate('2026-03-03', 'nl')).toBe('3 maart 2026');
    expect(formatDate('2026-03-03', 'en')).toBe('3 March 2026');
    expect(formatDate(new Date('2026-12-31T23:30:00Z'), 'nl')).toBe('1 januari 2027'); // Amsterdam time
  });
  it('writes a decimal comma in Dutch', () => {
    expect(formatNumber(7.5, 'nl')).toBe('7,5');
    expect(formatNumber(1234.5, 'nl')).toBe('1.234,5');
    expect(formatNumber(7.5, 'en')).toBe('7.5');
  });
});
