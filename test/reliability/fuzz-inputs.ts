import fc from 'fast-check';

/** Field names the public forms know, so that generated bodies reach the validation code. */
export const KNOWN_FIELDS = [
  'team',
  'category',
  'subtype',
  'narrative',
  'location',
  'reporterRole',
  'accusedRole',
  'goal',
  'anonymous',
  'name',
  'contact',
  'idempotencyKey',
  'email',
  'password',
  'displayName',
  'receipt',
  'message',
  'code',
  'lang',
  'next',
];

const VALID_INTAKE: Record<string, string> = {
  team: 'students',
  category: 'sexual_violence',
  subtype: 'physical',
  narrative: 'Er gebeurde iets.',
  location: 'campus',
  reporterRole: 'student',
  accusedRole: 'staff',
  goal: 'advice',
  anonymous: 'yes',
};

/** Strings that break naive code: unicode, control characters, huge, numeric, SQL and HTML. */
export const nastyString = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 60 }),
  fc.string({ unit: 'binary', maxLength: 60 }),
  fc.constantFrom(
    '',
    ' ',
    '\u0000',
    '\uFEFF',
    '%',
    '%00',
    '../../etc/passwd',
    "' OR 1=1 --",
    '<script>x</script>',
    '-1',
    '1e309',
    'NaN',
    'true',
    '[]',
    '{}',
    '__proto__',
    'constructor',
    'students',
    'yes',
    'no',
    'sexual_violence',
    'physical',
    'campus',
    'student',
  ),
  fc.integer({ min: 200, max: 30_000 }).map((n) => 'x'.repeat(n)),
);

/** A form body: mostly a mutated valid intake, sometimes arbitrary keys. */
export const formBody = fc.oneof(
  fc
    .dictionary(fc.constantFrom(...KNOWN_FIELDS), nastyString, { maxKeys: 12 })
    .map((d) => ({ ...VALID_INTAKE, ...d })),
  fc.dictionary(
    fc.oneof(fc.constantFrom(...KNOWN_FIELDS), fc.string({ maxLength: 12 })),
    nastyString,
    { maxKeys: 8 },
  ),
  fc.constant(VALID_INTAKE),
);

export const idempotencyKey = fc.oneof(
  fc.string({
    unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-'),
    minLength: 16,
    maxLength: 64,
  }),
  nastyString,
);

/** What goes into a URL path segment or a query value, percent-encoded or deliberately not. */
export const pathSegment = fc.oneof(
  nastyString.map((s) => encodeURIComponent(s)),
  fc.constantFrom(
    '%',
    '%ZZ',
    '%C0%AF',
    '..',
    '.',
    '',
    'nl',
    'en',
    'xx',
    '00000000-0000-0000-0000-000000000000',
    'a'.repeat(3000),
  ),
);

export type BodyKind = 'form' | 'multipart' | 'json' | 'text' | 'none';
export const bodyKind = fc.constantFrom<BodyKind>(
  'form',
  'form',
  'form',
  'form',
  'form',
  'multipart',
  'multipart',
  'json',
  'text',
  'none',
);

export function encodeBody(
  kind: BodyKind,
  fields: Record<string, string>,
): { body?: BodyInit; headers: Record<string, string> } {
  switch (kind) {
    case 'form':
      return {
        body: new URLSearchParams(fields).toString(),
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      };
    case 'multipart': {
      const fd = new FormData();
      for (const [k, v] of Object.entries(fields)) fd.append(k, v);
      return { body: fd, headers: {} };
    }
    case 'json':
      return { body: JSON.stringify(fields), headers: { 'content-type': 'application/json' } };
    case 'text':
      return { body: Object.values(fields).join('&'), headers: { 'content-type': 'text/plain' } };
    case 'none':
      return { headers: {} };
  }
}
