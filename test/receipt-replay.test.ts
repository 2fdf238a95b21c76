import { describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { TestClient } from './support/http-client.js';
import { useTestApp } from './support/use-test-app.js';

// Issue 15 finding 1: the receipt code is shown to the browser that filed the report, and to
// no other browser, whatever that one sends (idempotency key, draft, form fields).
const t = useTestApp();

const receiptIn = (html: string) => /data-testid="receipt">([^<]+)</.exec(html)?.[1];

async function fileAnonymousReport() {
  const reporter = new TestClient(t.app);
  await reporter.get('/melden');
  const form = {
    team: 'students',
    idempotencyKey: reporter.inputValue('idempotencyKey'),
    category: 'bullying',
    narrative: 'Replay 5b1e: iemand pest mij.',
    location: 'campus',
    reporterRole: 'student',
    accusedRole: 'student',
    goal: 'advice',
    anonymous: 'yes',
  };
  expect((await reporter.post('/melden', form)).status).toBe(200);
  const receipt = receiptIn(reporter.lastHtml)!;
  expect(receipt).toMatch(/^[A-Z2-9]{4}(-[A-Z2-9]{4}){3}$/);
  return {
    reporter,
    form,
    receipt,
    reference: /data-testid="reference">([^<]+)</.exec(reporter.lastHtml)![1]!,
  };
}

describe('the receipt code is shown once, to the browser that filed the report', () => {
  it('does not show the code to another browser that sends the same idempotency key and fields', async () => {
    const { form, receipt } = await fileAnonymousReport();
    const other = new TestClient(t.app);
    await other.get('/melden');
    await other.post('/melden', form);
    expect(other.lastHtml).not.toContain(receipt); // the other browser filed a report of its own
    const third = new TestClient(t.app);
    await third.get('/melden');
    const bewaard = await third.post('/melden/bewaard', { idempotencyKey: form.idempotencyKey });
    expect(bewaard.status).toBe(404);
    expect(third.lastHtml).not.toContain(receipt);
  });

  it('shows the same code on a retry from the same browser, stores one report, and stops once the code is saved', async () => {
    const { reporter, form, receipt, reference } = await fileAnonymousReport();
    await reporter.post('/melden', form);
    expect(receiptIn(reporter.lastHtml)).toBe(receipt);
    expect(
      (await reporter.post('/melden/bewaard', { idempotencyKey: form.idempotencyKey })).status,
    ).toBe(422);
    expect(receiptIn(reporter.lastHtml)).toBe(receipt);
    const count = await t.deps.db
      .selectFrom('case')
      .select(({ fn }) => fn.countAll<number>().as('n'))
      .where('reference', '=', reference)
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(1);
    expect(
      (
        await reporter.post('/melden/bewaard', {
          idempotencyKey: form.idempotencyKey,
          saved: 'yes',
        })
      ).status,
    ).toBe(200);
    await reporter.post('/melden', form);
    expect(reporter.lastHtml).toContain(reference);
    expect(reporter.lastHtml).not.toContain(receipt);
  });

  it('keeps neither the idempotency key nor a form of the code that opens without the browser', async () => {
    const { form, receipt } = await fileAnonymousReport();
    const { rows } = await sql<{
      dump: string;
    }>`SELECT string_agg(row_to_json(c)::text, E'\n') AS dump FROM "case" c`.execute(t.deps.db);
    expect(rows[0]!.dump).not.toContain(form.idempotencyKey);
    expect(rows[0]!.dump).not.toContain(receipt.replace(/-/g, ''));
  });

  it('forgets the keyed hash of the key and the sealed code after a day', async () => {
    const { reference } = await fileAnonymousReport();
    const cols = () =>
      sql<{
        kept: number;
      }>`SELECT count(*)::int AS kept FROM "case" WHERE reference = ${reference} AND (intake_key_hash IS NOT NULL OR receipt_sealed IS NOT NULL)`.execute(
        t.deps.db,
      );
    expect((await cols()).rows[0]!.kept).toBe(1);
    await sql`UPDATE "case" SET created_at = now() - interval '25 hours' WHERE reference = ${reference}`.execute(
      t.deps.db,
    );
    await fileAnonymousReport(); // any later intake clears the expired ones
    expect((await cols()).rows[0]!.kept).toBe(0);
  });
});
