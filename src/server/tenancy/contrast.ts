/**
 * Pure: WCAG 2.1 contrast of an institution's primary colour. The colour is the background of the
 * header (white text on it) and the colour of links and primary buttons on white, so both must
 * reach AA for normal text (4.5:1); since the pair is the same, one ratio decides.
 */
export const AA_NORMAL_TEXT = 4.5;

const HEX = /^#[0-9a-f]{6}$/;

export function normaliseColour(input: string): string | undefined {
  const v = input.trim().toLowerCase();
  const long = /^#[0-9a-f]{3}$/.test(v) ? `#${[...v.slice(1)].map((d) => d + d).join('')}` : v;
  return HEX.test(long) ? long : undefined;
}

function channel(c: number): number {
  const s = c / 255;
  return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
}

/** Relative luminance of a #rrggbb colour (WCAG 2.1 definition). */
export function luminance(hex: string): number {
  const n = Number.parseInt(hex.slice(1), 16);
  const [r, g, b] = [(n >> 16) & 255, (n >> 8) & 255, n & 255];
  return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
}

export function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

export type ColourCheck =
  | { ok: true; colour: string; ratio: number }
  | { ok: false; reason: 'format' }
  | { ok: false; reason: 'contrast'; ratio: number };

/** Whether a primary colour may be used: a #rrggbb (or #rgb) colour with AA contrast against white. */
export function checkPrimaryColour(input: string): ColourCheck {
  const colour = normaliseColour(input);
  if (!colour) return { ok: false, reason: 'format' };
  const ratio = contrastRatio(colour, '#ffffff');
  if (ratio < AA_NORMAL_TEXT) return { ok: false, reason: 'contrast', ratio };
  return { ok: true, colour, ratio };
}
