import { describe, expect, it } from 'vitest';
import { errorForLog } from './logger.js';

describe('errorForLog', () => {
  it('keeps name, code and stack frames but drops the message, which may quote input', () => {
    const err = Object.assign(new Error('invalid input syntax for type uuid: "Jan de Vries"'), {
      code: '22P02',
    });
    const logged = errorForLog(err);
    expect(logged).toMatchObject({ name: 'Error', code: '22P02' });
    expect(logged.frames).toContain('logger.test.ts');
    expect(JSON.stringify(logged)).not.toContain('Jan de Vries');
  });
});
