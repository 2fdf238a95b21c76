import type { Context } from 'hono';
import type { AppEnv } from './env.js';
import { AppError } from './errors.js';

/** Request parameters checked in one place: ids (every id is a lowercase UUID, as PostgreSQL prints them) and years. */

/** The one id check: every id in a path or form is a lowercase UUID (as PostgreSQL prints them). */
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value);
}

/** `?year=` as a year from 2000 to 2100; the current year otherwise. */
export function yearParam(c: Context<AppEnv>): number {
  const y = Number(c.req.query('year'));
  return Number.isInteger(y) && y >= 2000 && y <= 2100 ? y : new Date().getUTCFullYear();
}

/** The path parameter `name` as an id; anything else is answered 404 before the database sees it. */
export function idParam(c: Context<AppEnv>, name = 'id'): string {
  const id = c.req.param(name) ?? '';
  if (!UUID.test(id)) throw new AppError('NOT_FOUND');
  return id;
}
