import { describe, expect, it } from 'vitest';
import { isDatabaseUnavailable } from './errors.js';

describe('isDatabaseUnavailable', () => {
  it.each([
    [
      'a refused connection',
      Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }),
    ],
    [
      'an administrator shutdown',
      Object.assign(new Error('terminating connection due to administrator command'), {
        code: '57P01',
      }),
    ],
    ['a connection ended mid-query', new Error('Connection terminated unexpectedly')],
    // Found by the outage test: the ROLLBACK on a client whose connection had failed.
    [
      'a client that is no longer queryable',
      new Error('Client has encountered a connection error and is not queryable'),
    ],
    ['a closed client', new Error('Client was closed and is not queryable')],
  ])('knows %s', (_, err) => expect(isDatabaseUnavailable(err)).toBe(true));

  it.each([
    [
      'a constraint violation',
      Object.assign(new Error('duplicate key value violates unique constraint'), { code: '23505' }),
    ],
    ['a programming error', new TypeError('cannot read properties of undefined')],
    ['nothing', undefined],
  ])('does not mistake %s for an outage', (_, err) =>
    expect(isDatabaseUnavailable(err)).toBe(false),
  );
});
