import { describe, expect, it } from 'vitest';
import { CASE_STATUSES, checkTransition, nextStatuses } from './case-status.js';

const base = { receivedOn: '2026-01-10', today: '2026-03-01' };

describe('the case status machine', () => {
  it('walks the life of a report forward', () => {
    const path = ['received', 'intake', 'in_progress', 'aftercare'];
    for (let i = 0; i + 1 < path.length; i++) {
      expect(checkTransition({ ...base, from: path[i]!, to: path[i + 1]! })).toEqual({
        ok: true,
        to: path[i + 1],
        isReopen: false,
      });
    }
  });

  it('refuses skipping back or sideways outside the machine', () => {
    expect(checkTransition({ ...base, from: 'in_progress', to: 'received' })).toEqual({
      ok: false,
      error: 'not_allowed',
    });
    expect(checkTransition({ ...base, from: 'received', to: 'aftercare' })).toEqual({
      ok: false,
      error: 'not_allowed',
    });
    expect(checkTransition({ ...base, from: 'closed', to: 'aftercare', reason: 'x' })).toEqual({
      ok: false,
      error: 'not_allowed',
    });
    expect(checkTransition({ ...base, from: 'intake', to: 'intake' })).toEqual({
      ok: false,
      error: 'not_allowed',
    });
    expect(checkTransition({ ...base, from: 'intake', to: 'archived' })).toEqual({
      ok: false,
      error: 'unknown_status',
    });
  });

  it('closes from every open status, only with a follow-up code and a valid closing date', () => {
    for (const from of CASE_STATUSES.filter((s) => s !== 'closed')) {
      expect(
        checkTransition({ ...base, from, to: 'closed', followUp: 'advice', closedOn: '2026-02-01' })
          .ok,
      ).toBe(true);
    }
    expect(
      checkTransition({ ...base, from: 'intake', to: 'closed', closedOn: '2026-02-01' }),
    ).toEqual({ ok: false, error: 'follow_up_required' });
    expect(
      checkTransition({
        ...base,
        from: 'intake',
        to: 'closed',
        followUp: 'nonsense',
        closedOn: '2026-02-01',
      }),
    ).toEqual({ ok: false, error: 'follow_up_required' });
    expect(checkTransition({ ...base, from: 'intake', to: 'closed', followUp: 'advice' })).toEqual({
      ok: false,
      error: 'closed_on_required',
    });
    expect(
      checkTransition({
        ...base,
        from: 'intake',
        to: 'closed',
        followUp: 'advice',
        closedOn: '2026-01-09',
      }),
    ).toEqual({ ok: false, error: 'closed_on_before_received' });
    expect(
      checkTransition({
        ...base,
        from: 'intake',
        to: 'closed',
        followUp: 'advice',
        closedOn: '2026-03-02',
      }),
    ).toEqual({ ok: false, error: 'closed_on_in_future' });
  });

  it('reopens a closed case to in progress only with a reason', () => {
    expect(checkTransition({ ...base, from: 'closed', to: 'in_progress' })).toEqual({
      ok: false,
      error: 'reason_required',
    });
    expect(checkTransition({ ...base, from: 'closed', to: 'in_progress', reason: '   ' })).toEqual({
      ok: false,
      error: 'reason_required',
    });
    expect(
      checkTransition({ ...base, from: 'closed', to: 'in_progress', reason: 'new incident' }),
    ).toEqual({ ok: true, to: 'in_progress', isReopen: true });
  });

  it('lets aftercare return to in progress and offers the next statuses', () => {
    expect(checkTransition({ ...base, from: 'aftercare', to: 'in_progress' }).ok).toBe(true);
    expect(nextStatuses('received')).toEqual(['intake', 'in_progress', 'closed']);
    expect(nextStatuses('closed')).toEqual(['in_progress']);
  });
});
