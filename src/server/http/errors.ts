import type { MessageKey } from '../../i18n/i18n.js';

/** The one error type of the application; the handler in app.ts maps code → status. */
export type ErrorCode =
  | 'NOT_FOUND'
  | 'FORBIDDEN'
  | 'UNAUTHENTICATED'
  | 'CSRF'
  | 'TOO_LARGE'
  | 'THROTTLED'
  | 'UNAVAILABLE'
  | 'CONSENT_REQUIRED'
  | 'UNKNOWN_INSTITUTION';

export const STATUS_BY_CODE: Record<ErrorCode, 401 | 403 | 404 | 413 | 429 | 503> = {
  NOT_FOUND: 404,
  FORBIDDEN: 403,
  UNAUTHENTICATED: 401,
  CSRF: 403,
  TOO_LARGE: 413,
  THROTTLED: 429,
  UNAVAILABLE: 503,
  CONSENT_REQUIRED: 403,
  UNKNOWN_INSTITUTION: 404,
};

export const MESSAGE_BY_CODE: Record<ErrorCode, MessageKey> = {
  NOT_FOUND: 'error.notFound',
  FORBIDDEN: 'error.forbidden',
  UNAUTHENTICATED: 'error.forbidden',
  CSRF: 'error.csrf',
  TOO_LARGE: 'error.tooLarge',
  THROTTLED: 'error.throttled',
  UNAVAILABLE: 'error.unavailable',
  CONSENT_REQUIRED: 'consent.required',
  UNKNOWN_INSTITUTION: 'tenancy.unknownHost',
};

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string = code,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

/**
 * pg / network errors that mean the database cannot be reached right now. "not queryable" is
 * what pg answers on a client whose connection already failed — e.g. the ROLLBACK after a
 * statement lost its server, which is the error a transaction then reports.
 */
export function isDatabaseUnavailable(err: unknown): boolean {
  const code = (err as { code?: string } | null)?.code ?? '';
  const message = err instanceof Error ? err.message : '';
  return (
    [
      'ECONNREFUSED',
      'ECONNRESET',
      'ETIMEDOUT',
      'EPIPE',
      '57P01',
      '57P02',
      '57P03',
      '08000',
      '08003',
      '08006',
    ].includes(code) ||
    /Connection terminated|connect ECONNREFUSED|timeout exceeded when trying to connect|is not queryable/i.test(
      message,
    )
  );
}
