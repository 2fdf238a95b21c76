import { describe, expect, it } from 'vitest';
import { isEmailOrPhone } from '../src/domain/intake-answers.js';

describe('a reporter\u2019s contact detail (issue 18)', () => {
  it('is an e-mail address or a phone number of 8 to 15 digits', () => {
    for (const good of [
      'noor@example.test',
      'n.benoemd@student.uni.nl',
      '06 1234 5678',
      '0612345678',
      '+31 6 12345678',
      '+31 (0)20-598 9898',
      '020-5989898',
    ]) {
      expect(isEmailOrPhone(good), good).toBe(true);
    }
    for (const bad of [
      '',
      'bel me morgen',
      'noor@',
      'noor@example',
      '@example.test',
      '12345',
      '06-1234',
      'noor at example.test',
      '0612345678 of mail',
      '+31 6 1234 5678 9012 3456',
    ]) {
      expect(isEmailOrPhone(bad), bad).toBe(false);
    }
  });
});
