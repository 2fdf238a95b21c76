import pino from 'pino';

/**
 * Structured logs carry ids, codes and timings only: never case content, names, receipt
 * codes or IP addresses. Nothing here is given a request body or a client address.
 */
export function createLogger(level: string) {
  return pino({
    level,
    base: undefined,
    redact: { paths: ['*.password', '*.narrative', '*.receipt'], remove: true },
  });
}

export type Logger = ReturnType<typeof createLogger>;

/**
 * What an unexpected error may leave in a log: its name, code and stack frames. Not its
 * message: a database error can quote a value it was given (say, from a form or the URL).
 */
export function errorForLog(err: unknown): { name: string; code?: string; frames?: string } {
  const e = err as { name?: string; code?: string; stack?: string };
  return {
    name: e?.name ?? 'Error',
    code: e?.code,
    frames: e?.stack?.split('\n').slice(1).join('\n'),
  };
}
