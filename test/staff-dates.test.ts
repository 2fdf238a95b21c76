import { beforeAll, describe, expect, it } from 'vitest';
import { TestClient } from './support/http-client.js';
import { createStaff, PASSWORD } from './support/factories.js';
import { seedCase } from './support/case-helpers.js';
import { useTestApp } from './support/use-test-app.js';

/**
 * Issue 19: dates and numbers the Dutch way on the staff pages ("3 maart 2026", "7,5"), English
 * ones on the English pages. The records below are made through the forms with dates chosen
 * here, so each page must show exactly these dates in words, and no page may show a date as
 * YYYY-MM-DD in its visible text (date fields keep the ISO value in their attribute, which is
 * what a browser's date input needs).
 */
const t = useTestApp({ app: { today: () => '2026-03-15' } });
const ISO_DATE = /\b\d{4}-\d{2}-\d{2}\b/;

/** The text a person sees: no tags (so no attribute values), no script or style. */
function visibleText(html: string): string {
  return html
    .replace(/<(script|style)[^>]*>[^]*?<\/\1>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/\s+/g, ' ');
}

let nl: TestClient;
let en: TestClient;
let caseId: string;
let meetingId: string;

beforeAll(async () => {
  const staff = await createStaff(
    t.deps,
    t.teamId,
    ['confidential_adviser', 'safety_coordinator', 'support_officer'],
    'Dana Datum',
  );
  nl = new TestClient(t.app, 'nl');
  en = new TestClient(t.app, 'en');
  for (const client of [nl, en])
    expect((await client.signIn(staff.email, PASSWORD)).status).toBe(303);
  caseId = (await seedCase(t.deps, t.teamId, { receivedOn: '2026-03-03' })).id;
  await nl.get(`/cases/${caseId}`);
  expect((await nl.post(`/cases/${caseId}/assign`, { adviserId: staff.id })).status).toBe(303);
  await nl.get(`/cases/${caseId}`);
  expect(
    (
      await nl.post(`/cases/${caseId}/contacts`, {
        occurredOn: '2026-03-04',
        contactChannel: 'in_person',
        participants: 'Melder, vertrouwenspersoon',
        notes: 'Eerste gesprek.',
      })
    ).status,
  ).toBe(303);
  await nl.get(`/cases/${caseId}`);
  expect(
    (await nl.post(`/cases/${caseId}/tasks`, { title: 'Terugbellen', dueOn: '2026-03-20' })).status,
  ).toBe(303);
  await nl.get(`/cases/${caseId}/plan`);
  expect(
    (
      await nl.post(`/cases/${caseId}/plan/steps`, {
        action: 'Gesprek met beveiliging',
        owner: 'Coördinator',
        dueOn: '2026-03-21',
      })
    ).status,
  ).toBe(303);
  await nl.get('/mdo');
  const meeting = await nl.post('/mdo', { heldOn: '2026-03-26' });
  meetingId = /\/mdo\/([0-9a-f-]{36})$/.exec(meeting.headers.get('location')!)![1]!;
  await nl.get(`/cases/${caseId}/mdo`);
  expect((await nl.post(`/cases/${caseId}/mdo`, { meetingId, summary: 'Bespreken.' })).status).toBe(
    303,
  );
  await nl.get('/team/activities?year=2026');
  expect(
    (
      await nl.post(`/team/activities?team=${t.teamId}`, {
        kind: 'training',
        title: 'Cursus gespreksvoering',
        heldOn: '2026-03-10',
        status: 'held',
        adviserId: staff.id,
        hours: '7,5',
      })
    ).status,
  ).toBe(303);
});

describe('dates and numbers on the staff pages (issue 19)', () => {
  const pages = () =>
    [
      [`/cases/${caseId}`, ['3 maart 2026', '4 maart 2026', '20 maart 2026']],
      ['/cases', ['3 maart 2026']],
      [`/cases/${caseId}/plan`, ['21 maart 2026']],
      ['/mdo', ['26 maart 2026']],
      [`/mdo/${meetingId}`, ['26 maart 2026']],
      [`/cases/${caseId}/mdo`, ['26 maart 2026']],
      ['/team/activities?year=2026', ['10 maart 2026', '7,5']],
    ] as const;

  it('writes every date in words in Dutch, and no date as YYYY-MM-DD, on a sample of staff pages', async () => {
    for (const [path, expected] of pages()) {
      const res = await nl.get(path);
      expect(res.status, path).toBe(200);
      const text = visibleText(nl.lastHtml);
      for (const e of expected) expect(text, path).toContain(e);
      expect(ISO_DATE.exec(text)?.[0], `${path} shows an ISO date`).toBeUndefined();
    }
    // The date fields still carry the value a date input needs.
    await nl.get(`/cases/${caseId}`);
    expect(nl.lastHtml).toContain('datetime="2026-03-03"');
    expect(visibleText(nl.lastHtml)).not.toContain('7.5');
  });

  it('writes them the English way on the English pages', async () => {
    await en.get(`/cases/${caseId}`);
    const text = visibleText(en.lastHtml);
    expect(text).toContain('3 March 2026');
    expect(text).toContain('20 March 2026');
    expect(ISO_DATE.exec(text)?.[0]).toBeUndefined();
    await en.get('/team/activities?year=2026');
    expect(visibleText(en.lastHtml)).toContain('7.5');
    expect(visibleText(en.lastHtml)).not.toContain('7,5');
  });
});

describe('the case page timeline (issue 19)', () => {
  it('shows the newest six entries and links to the earlier ones, which the link shows without script', async () => {
    const other = (await seedCase(t.deps, t.teamId, { receivedOn: '2026-02-01' })).id;
    for (let day = 2; day <= 8; day++) {
      await nl.get(`/cases/${other}`);
      expect(
        (
          await nl.post(`/cases/${other}/contacts`, {
            occurredOn: `2026-02-0${day}`,
            contactChannel: 'phone',
            participants: 'Melder',
            notes: `Gesprek nummer ${day}.`,
          })
        ).status,
      ).toBe(303);
    }
    // 1 receipt + 7 contacts: the six newest, then a link to the two before them.
    await nl.get(`/cases/${other}`);
    const items = (html: string) =>
      (/data-testid="timeline">([^]*?)<\/ol>/.exec(html)?.[1] ?? '').match(/<li /g)?.length;
    expect(items(nl.lastHtml)).toBe(6);
    expect(nl.lastHtml).toContain('Gesprek nummer 8.');
    expect(nl.lastHtml).not.toContain('Gesprek nummer 2.');
    expect(visibleText(nl.lastHtml)).toContain('Eerdere gebeurtenissen tonen (2)');
    await nl.get(`/cases/${other}?older=all`);
    expect(items(nl.lastHtml)).toBe(8);
    expect(nl.lastHtml).toContain('Gesprek nummer 2.');
    expect(nl.lastHtml).not.toContain('data-testid="timeline-older"');
  });
});
