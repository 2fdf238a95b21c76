/**
 * Every problem type /api/v1 answers (RFC 9457). A problem's `type` is a URI relative to the API
 * (`/api/v1/problems/<code>`, resolved against the request's own address, so each institution's
 * host describes its own problems); fetching it answers this description, without a token.
 */
export const PROBLEMS = {
  validation: {
    status: 422,
    description:
      'Fields of the body are missing or invalid; `errors` names each, with a JSON pointer.',
  },
  rule: {
    status: 422,
    description:
      'The case\u2019s rules refuse the change (for example a status that cannot follow the current one); `errors` says why.',
  },
  invalid_query: {
    status: 400,
    description: 'The query string is missing a parameter or holds an invalid one.',
  },
  invalid_json: { status: 400, description: 'The body is not JSON.' },
  idempotency_key: {
    status: 400,
    description: 'The Idempotency-Key header must be 1 to 200 printable characters.',
  },
  idempotency_key_reused: {
    status: 422,
    description:
      'This Idempotency-Key was used within the last 24 hours for a request with another body; use a new key for a new request.',
  },
  unauthenticated: {
    status: 401,
    description: 'A valid bearer token of this institution is required (Authorization: Bearer …).',
  },
  forbidden: {
    status: 403,
    description:
      'The token lacks the scope this operation needs; the refusal is recorded in the audit trail.',
  },
  not_found: {
    status: 404,
    description:
      'No such resource for this token: an unknown path, or a case outside the token\u2019s team.',
  },
  consent_required: {
    status: 403,
    description: 'The reporter has not consented to what this operation would share.',
  },
  unknown_institution: { status: 404, description: 'No institution is set up at this address.' },
  throttled: {
    status: 429,
    description:
      'Too many requests for this token in the last minute (MELDPUNT_API_PER_MINUTE); retry later.',
  },
  too_large: { status: 413, description: 'The request body is larger than the API accepts.' },
  unavailable: { status: 503, description: 'The service is temporarily unavailable; retry later.' },
  internal: { status: 500, description: 'An unexpected error; it is logged without case content.' },
} as const satisfies Record<string, { status: number; description: string }>;

export type ProblemCode = keyof typeof PROBLEMS;

/** The problem type's URI reference. */
export const problemType = (code: string) => `/api/v1/problems/${code}`;

export const isProblemCode = (code: string): code is ProblemCode => Object.hasOwn(PROBLEMS, code);
