import { describe, expect, it } from 'vitest';
import { defaultTeamId } from './support/factories.js';
import { caseIdOf, signedIn } from './support/security.js';
import {
  jpegWithExif,
  openMailbox,
  postMultipart,
  reportAnonymously,
} from './support/reporter-flow.js';
import { useTestApp } from './support/use-test-app.js';

const t = useTestApp();

interface Export {
  narrative: string;
  messages: { from: string; text: string }[];
  attachments: { name: string; mediaType: string; from: string }[];
  minutes: { text: string; status: string }[];
  contacts: { participants: string; notes: string }[];
  consents: { purpose: string; withdrawnAt: string | null }[];
  identities: Record<string, unknown>;
  notificationEmail: string | null;
  accessLog: { type: string }[];
}

describe('data-subject export', () => {
  it('holds everything about the reporter: messages, attachments (list), minutes, contacts, consents, identities', async () => {
    const { receipt, reference } = await reportAnonymously(t.app, [], {
      narrative: 'Inzage 7q verhaal',
    });
    const caseId = await caseIdOf(t.deps, reference);
    const coordinator = await signedIn(t.app, t.deps, await defaultTeamId(t.deps), [
      'safety_coordinator',
    ]);
    const { client: staff } = coordinator;
    const { client: reporter } = await openMailbox(t.app, receipt);
    await reporter.get('/postbus/inbox');
    await reporter.post('/postbus/e-mail', { email: 'inzage7q@example.test' });
    await reporter.get('/postbus/inbox');
    expect(
      (
        await postMultipart(reporter, '/postbus/berichten', { body: 'Bericht van melder 7q' }, [
          { field: 'files', name: 'bewijs-7q.jpg', type: 'image/jpeg', bytes: jpegWithExif() },
        ])
      ).status,
    ).toBeLessThan(400);

    await staff.get(`/cases/${caseId}/messages`);
    expect(
      (await postMultipart(staff, `/cases/${caseId}/messages`, { body: 'Antwoord adviseur 7q' }))
        .status,
    ).toBeLessThan(400);
    await staff.get(`/cases/${caseId}/messages`);
    await staff.post(`/cases/${caseId}/minutes`, {
      conversationOn: '2026-11-20',
      minutes: 'Verslag gesprek 7q',
    });
    await staff.get(`/cases/${caseId}`);
    expect(
      (
        await staff.post(`/cases/${caseId}/contacts`, {
          occurredOn: '2026-11-20',
          contactChannel: 'in_person',
          participants: 'Melder en adviseur 7q',
          notes: 'Notities 7q',
        })
      ).status,
    ).toBe(303);
    await staff.get(`/cases/${caseId}/consents`);
    await staff.submit(`/cases/${caseId}/consents`, {
      info: 'case_content',
      recipientKind: 'partner',
      recipient: 'police',
      purpose: 'referral',
      obtainedVia: 'mailbox',
    });

    const res = await staff.get(`/cases/${caseId}/subject-export`);
    expect(res.status).toBe(200);
    const data = (await res.json()) as Export;
    expect(data.narrative).toBe('Inzage 7q verhaal');
    expect(data.messages.map((m) => [m.from, m.text])).toEqual([
      ['reporter', 'Bericht van melder 7q'],
      ['adviser', 'Antwoord adviseur 7q'],
    ]);
    expect(data.attachments).toEqual([
      expect.objectContaining({ name: 'bewijs-7q.jpg', mediaType: 'image/jpeg', from: 'reporter' }),
    ]);
    expect(JSON.stringify(data.attachments)).not.toContain('content');
    expect(data.minutes).toEqual([
      expect.objectContaining({ text: 'Verslag gesprek 7q', status: 'pending' }),
    ]);
    expect(data.contacts).toEqual([
      expect.objectContaining({ participants: 'Melder en adviseur 7q', notes: 'Notities 7q' }),
    ]);
    expect(data.consents).toEqual([
      expect.objectContaining({ purpose: 'referral', withdrawnAt: null }),
    ]);
    expect(data.notificationEmail).toBe('inzage7q@example.test');
    expect(data).toHaveProperty('identities');
    expect(data.accessLog.map((e) => e.type)).toEqual(
      expect.arrayContaining(['CASE_MESSAGE_SENT', 'CONSENT_GRANTED']),
    );
  });
});
