import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * Which page states already passed axe in this run. axe's verdict depends only on the markup
 * and the stylesheets (the same server code in every journey), so markup that passed once
 * passes again: the journeys check it once. The key is the page's HTML with what differs per
 * visit but never changes a WCAG rule's outcome blanked: the values of hidden form fields
 * (the CSRF token, the intake's state). Anything else that differs (a reference, a date,
 * entered text) makes a new state that axe checks.
 *
 * Shared between the run's workers through the directory MELDPUNT_AXE_SEEN_DIR (made by
 * axe-seen-setup.ts); without it (a journey run outside the config), within the process only.
 */
const seenHere = new Set<string>();
const dir = process.env.MELDPUNT_AXE_SEEN_DIR;

export function pageStateKey(html: string): string {
  const blanked = html.replace(/<input\b[^>]*>/g, (tag) =>
    /\btype="hidden"/.test(tag) ? tag.replace(/\bvalue="[^"]*"/, 'value=""') : tag,
  );
  return crypto.createHash('sha256').update(blanked).digest('hex');
}

export function axeAlreadyPassed(key: string): boolean {
  if (dir) fs.appendFileSync(path.join(dir, 'calls'), '.');
  return seenHere.has(key) || (dir !== undefined && fs.existsSync(path.join(dir, key)));
}

export function markAxePassed(key: string): void {
  seenHere.add(key);
  if (dir) fs.writeFileSync(path.join(dir, key), '');
}
