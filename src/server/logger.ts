import pino from 'pino';

/**
 * Structured logs carry ids, codes and timings only: never case content, names, receipt
 * codes or IP addresses. Nothing here is given a request body or a client address.
 */
export function createLogger(level: string) {
  return pino({ level, base: undefined, redact: { paths: ['*.password', '*.narrative', '*.receipt'], remove: true } });
}

export type Logger = ReturnType<typeof createLogger>;
