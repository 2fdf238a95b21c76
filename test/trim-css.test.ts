import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { TRIMMED_CSS, trimmedCss } from '../scripts/trim-css.js';

describe('the trimmed NL Design System stylesheet (public/utrecht.css)', () => {
  it('is what scripts/trim-css.ts makes from the sources now (run `npm run build:css` after using a new utrecht-* class)', () => {
    expect(fs.readFileSync(TRIMMED_CSS, 'utf8')).toBe(trimmedCss());
  });

  it('keeps the rules of the components we use and drops the ones we do not', () => {
    const css = fs.readFileSync(TRIMMED_CSS, 'utf8');
    expect(css).toMatch(/\.utrecht-button--primary-action\s*\{/);
    expect(css).toMatch(/\.utrecht-table\s*\{/);
    expect(css).not.toMatch(/\.utrecht-calendar/);
    expect(css).not.toMatch(/--utrecht-calendar-/);
    expect(Buffer.byteLength(css)).toBeLessThan(60_000);
  });
});
