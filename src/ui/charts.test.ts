import { describe, expect, it } from 'vitest';
import { renderBarChart } from './charts.js';

describe('renderBarChart', () => {
  const svg = renderBarChart({
    id: 'c1',
    title: 'Aard <2025>',
    bars: [
      { label: 'Seksueel geweld', value: 24, valueText: '24%' },
      { label: 'A & B', value: 12, valueText: '12%' },
    ],
  });

  it('is an image with a title and a description carrying every value', () => {
    expect(svg).toMatch(/^<svg [^>]*role="img"/);
    expect(svg).toContain('aria-labelledby="c1-title c1-desc"');
    expect(svg).toContain('<title id="c1-title">Aard &lt;2025&gt;</title>');
    expect(svg).toContain(
      '<desc id="c1-desc">Aard &lt;2025&gt;. Seksueel geweld: 24%; A &amp; B: 12%.</desc>',
    );
  });

  it('scales bars to the largest value', () => {
    const widths = [...svg.matchAll(/<rect [^>]*width="([\d.]+)"/g)].map((m) => Number(m[1]));
    expect(widths[0]).toBeCloseTo(2 * widths[1]!, 0);
  });
});
