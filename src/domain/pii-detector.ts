/**
 * Flags what could identify someone in a text meant to be anonymous: names (the known names of
 * the case's parties, and capitalised name patterns), e-mail addresses, phone numbers (Dutch
 * formats and international), student and staff numbers, and dates of birth. Each finding
 * stays until it is removed from the text or confirmed by the adviser as harmless.
 */
export const PII_KINDS = ['name', 'email', 'phone', 'person_number', 'date_of_birth'] as const;
export type PiiKind = (typeof PII_KINDS)[number];

export interface PiiFinding {
  kind: PiiKind;
  text: string;
  start: number;
  /** Stable across edits: the kind and the normalised text. */
  key: string;
}

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;
/** +31 6 12345678, 0031 6…, 06-12345678, 043 388 1234, (043) 3881234, 0800-0113 and other +CC numbers. */
const PHONE =
  /(?:\+|00)\d{1,3}[\s.-]?(?:\(0\)[\s.-]?)?\d(?:[\s.-]?\d){6,11}|\(?0\d{1,3}\)?[\s.-]?\d(?:[\s.-]?\d){5,8}/g;
/** Student and staff numbers: an optional letter and 6–8 digits (i6123456, s1234567, 123456). */
const PERSON_NUMBER = /\b[A-Za-z]?\d{6,8}\b/g;
const MONTHS =
  'januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december|jan|feb|mrt|apr|jun|jul|aug|sep|sept|okt|nov|dec|january|february|march|may|june|july|august|october|december|oct';
const DATE_NUMERIC = /\b(?:\d{1,2}[-/.]\d{1,2}[-/.](?:19|20)\d{2}|(?:19|20)\d{2}-\d{2}-\d{2})\b/g;
const DATE_WORDS = new RegExp(`\\b\\d{1,2}\\s+(?:${MONTHS})\\.?\\s+(?:19|20)\\d{2}\\b`, 'gi');
const TITLE_NAME =
  /\b(?:[Mm]evrouw|[Mm]eneer|[Mm]w\.|[Dd]hr\.|[Hh]r\.|[Mm]r\.?|[Mm]rs\.?|[Mm]s\.?|[Dd]r\.?|[Pp]rof\.?|[Ii]r\.|[Dd]rs\.)\s+(?:(?:van|de|der|den|ter|ten|het|'t)\s+)*[A-Z][a-zà-ÿ'-]+/g;
const PARTICLES = "(?:\\s+(?:van|de|der|den|ter|ten|in|het|'t|von|le|la|da|di|el|al))*";
const CAPITALISED_PAIR = new RegExp(`\\b[A-Z][a-zà-ÿ'-]+${PARTICLES}\\s+[A-Z][a-zà-ÿ'-]+\\b`, 'g');
/** Capitalised words that start sentences or name institutions, not people. */
const NOT_NAMES = new Set(
  'De Het Een Een Dit Deze Die Dat Er Hij Zij Ze Wij We Ik In Op Bij Na Om Als Toen Daarna Sinds Ook Maar En Of Want Omdat The A An This That He She They We I In On At After When Since Also But And Or Because Universiteit University Faculteit Faculty Team College Bestuur Board Maandag Dinsdag Woensdag Donderdag Vrijdag Zaterdag Zondag Monday Tuesday Wednesday Thursday Friday Saturday Sunday'.split(
    ' ',
  ),
);

function collect(text: string, re: RegExp, kind: PiiKind, out: PiiFinding[]) {
  for (const m of text.matchAll(re)) {
    const value = m[0].trim();
    out.push({
      kind,
      text: value,
      start: m.index ?? 0,
      key: `${kind}:${value.toLowerCase().replace(/[\s.()-]/g, '')}`,
    });
  }
}

function overlaps(a: PiiFinding, b: PiiFinding): boolean {
  return a.start < b.start + b.text.length && b.start < a.start + a.text.length;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Every finding, in text order; an earlier kind wins where two overlap (an e-mail is not also a name). */
export function detectPii(text: string, knownNames: readonly string[] = []): PiiFinding[] {
  const found: PiiFinding[] = [];
  collect(text, EMAIL, 'email', found);
  collect(text, DATE_NUMERIC, 'date_of_birth', found);
  collect(text, DATE_WORDS, 'date_of_birth', found);
  collect(text, PHONE, 'phone', found);
  collect(text, PERSON_NUMBER, 'person_number', found);
  for (const name of knownNames
    .flatMap((n) => [n, ...n.split(/\s+/)])
    .filter((n) => n.length >= 3 && !/^(van|de|der|den)$/i.test(n))) {
    collect(text, new RegExp(`\\b${escapeRegExp(name)}\\b`, 'gi'), 'name', found);
  }
  collect(text, TITLE_NAME, 'name', found);
  const pairs: PiiFinding[] = [];
  collect(text, CAPITALISED_PAIR, 'name', pairs);
  found.push(...pairs.filter((p) => !NOT_NAMES.has(p.text.split(/\s+/)[0]!)));
  const kept: PiiFinding[] = [];
  for (const f of found) if (!kept.some((k) => overlaps(k, f))) kept.push(f);
  return kept.sort((a, b) => a.start - b.start);
}

/** Findings not confirmed as harmless; a consultation may be published only when there are none. */
export function listUnresolved(
  findings: readonly PiiFinding[],
  confirmedKeys: readonly string[],
): PiiFinding[] {
  return findings.filter((f) => !confirmedKeys.includes(f.key));
}
