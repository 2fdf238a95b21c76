import type { Db } from '../db/create-db.js';
import type { Keyring } from '../crypto/keyring.js';
import type { Lang } from '../../domain/taxonomy.js';
import { findCategory } from '../../domain/taxonomy.js';
import { vocabLabel } from '../../domain/labels.js';
import { translator, type MessageKey } from '../../i18n/i18n.js';
import { recordAudit, type AuditActor } from '../audit/audit.service.js';
import { getCaseSealer } from '../mailbox/case-key.js';
import { listMessages } from '../mailbox/messages.service.js';
import { listMinutes } from '../mailbox/minutes.service.js';
import { listAttachments } from '../attachments/attachments.service.js';
import { getReporterConsentLedger } from '../consent/consent.service.js';
import { listReporterRequests } from './rights.service.js';
import { formatDateTime, formatLongDate } from '../../ui/dates.js';

/**
 * The reporter's copy of what is held about their report (GDPR art. 15), as a plain-text file in
 * their language: the report, their own identity if they gave it, the messages both ways, the
 * files (as a list; the files themselves are in the mailbox), the minutes shared with them, the
 * consents and their requests. Not the accused's identity or the staff's internal notes (art.
 * 15(4): the rights of others); staff give those, where they may, through an access request.
 * Audited as an export.
 */
export async function buildReporterFile(
  db: Db,
  keyring: Keyring,
  caseId: string,
  lang: Lang,
  actor: AuditActor,
  via: 'mailbox' | 'staff',
) {
  const t = translator(lang);
  const day = (d: Date) => formatDateTime(d, lang);
  const sealer = await getCaseSealer(db, keyring, caseId);
  const row = await db
    .selectFrom('case')
    .selectAll()
    .where('id', '=', caseId)
    .executeTakeFirstOrThrow();
  const party = await db
    .selectFrom('case_party')
    .select('identity')
    .where('case_id', '=', caseId)
    .where('party', '=', 'reporter')
    .executeTakeFirst();
  const [messages, attachments, minutes, consents, requests] = await Promise.all([
    listMessages(db, sealer, actor),
    listAttachments(db, sealer),
    listMinutes(db, sealer),
    getReporterConsentLedger(db, caseId),
    listReporterRequests(db, caseId),
  ]);
  const identity = party
    ? (JSON.parse(sealer.openText(party.identity, 'party:reporter')) as Record<string, string>)
    : undefined;
  const out: string[] = [];
  const heading = (key: MessageKey) => out.push('', t(key), '='.repeat(t(key).length));
  const field = (key: MessageKey, value: string | null | undefined) =>
    out.push(`${t(key)}: ${value ?? '–'}`);

  out.push(
    t('rights.file.title', { reference: row.reference }),
    t('rights.file.madeOn', { date: day(new Date()) }),
    '',
    t('rights.file.intro'),
  );
  heading('rights.file.report');
  field('rights.file.reference', row.reference);
  field('inbox.received', formatLongDate(row.received_on, lang));
  field('inbox.status', vocabLabel('status', row.status, lang));
  field('rights.file.category', findCategory(row.category)?.label[lang] ?? row.category);
  field('rights.file.location', vocabLabel('location', row.location, lang));
  field('rights.file.happened', row.happened ? sealer.openText(row.happened, 'happened') : null);
  field('rights.file.anonymous', t(row.is_anonymous ? 'rights.file.yes' : 'rights.file.no'));
  out.push(
    '',
    t('rights.file.narrative'),
    row.summary ? sealer.openText(row.summary, 'summary') : '–',
  );
  if (identity) {
    heading('rights.file.identity');
    for (const [k, v] of Object.entries(identity)) out.push(`${k}: ${v}`);
  }
  heading('mailbox.messagesHeading');
  if (messages.length === 0) out.push(t('mailbox.noMessages'));
  for (const m of messages)
    out.push(
      '',
      `[${day(m.createdAt)}] ${t(m.author === 'reporter' ? 'mailbox.fromYou' : m.author === 'system' ? 'mailbox.fromSystem' : 'mailbox.fromAdviser')}`,
      m.body,
    );
  heading('rights.file.files');
  if (attachments.length === 0) out.push('–');
  for (const a of attachments)
    out.push(`- ${a.name} (${a.mediaType}, ${a.sizeBytes} B, ${day(a.createdAt)})`);
  heading('rights.file.minutes');
  if (minutes.length === 0) out.push('–');
  for (const m of minutes) {
    out.push(
      '',
      `[${formatLongDate(m.conversationOn, lang)}] ${t(`rights.file.minutesStatus.${m.status}` as MessageKey)}`,
      m.body,
    );
    if (m.correction) out.push(`${t('rights.file.yourCorrection')}: ${m.correction}`);
  }
  heading('mailbox.consentHeading');
  if (consents.length === 0) out.push(t('consent.empty'));
  for (const c of consents) {
    const what = `${t(`consent.info.${c.info}` as MessageKey)} → ${t(`consent.kind.${c.recipientKind}` as MessageKey)}: ${c.recipient} (${t(`consent.purpose.${c.purpose}` as MessageKey)})`;
    out.push(
      `- ${what}; ${t('consent.grantedAt')} ${day(c.grantedAt)}${c.withdrawnAt ? `; ${t('consent.withdrawnAt', { date: day(c.withdrawnAt) })}` : ''}`,
    );
  }
  heading('rights.file.requests');
  if (requests.length === 0) out.push('–');
  for (const r of requests)
    out.push(
      `- ${t(`rights.kind.${r.kind}` as MessageKey)}, ${formatLongDate(r.requestedOn, lang)}: ${t(`rights.status.${r.status}` as MessageKey)}${r.reason ? ` (${t(`rights.reason.${r.reason}` as MessageKey)})` : ''}`,
    );
  out.push('');

  await db.transaction().execute((trx) =>
    recordAudit(trx, {
      type: 'REPORTER_DATA_EXPORTED',
      actor,
      teamId: sealer.teamId,
      caseId,
      detail: { format: 'text', via },
    }),
  );
  return {
    fileName: `${t('rights.file.name')}-${row.reference.replace(/[^A-Za-z0-9-]/g, '-')}.txt`,
    text: out.join('\n'),
  };
}
