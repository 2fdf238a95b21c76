import PDFDocument from 'pdfkit';
import { vocabLabel } from '../../domain/labels.js';
import { findCategory, type Lang } from '../../domain/taxonomy.js';
import type { Translate } from '../../i18n/i18n.js';
import type { CaseView } from './cases.presenter.js';
import { formatDate } from '../../ui/dates.js';

export const EXPORT_SECTIONS = [
  'details',
  'narrative',
  'parties',
  'contacts',
  'tasks',
  'documents',
  'history',
] as const;
export type ExportSection = (typeof EXPORT_SECTIONS)[number];

/** A case file as an A4 PDF with only the chosen sections. No content goes into the metadata. */
export function renderCaseFilePdf(
  view: CaseView,
  sections: readonly ExportSection[],
  extra: { intermediary?: string; purpose: string },
  t: Translate,
  lang: Lang,
): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: 56,
    info: { Title: t('case.title', { reference: view.reference }) },
    lang,
  } as PDFKit.PDFDocumentOptions);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const heading = (text: string) =>
    doc.moveDown().font('Helvetica-Bold').fontSize(14).text(text).font('Helvetica').fontSize(11);
  const line = (label: string, value: string) =>
    doc
      .font('Helvetica-Bold')
      .text(`${label}: `, { continued: true })
      .font('Helvetica')
      .text(value);
  doc
    .font('Helvetica-Bold')
    .fontSize(20)
    .text(t('case.title', { reference: view.reference }));
  doc.font('Helvetica').fontSize(11).text(extra.purpose);
  if (sections.includes('details')) {
    heading(t('case.details'));
    line(t('inbox.received'), formatDate(view.receivedOn, lang));
    line(t('inbox.status'), vocabLabel('status', view.status, lang));
    line(
      t('inbox.category'),
      (view.categoryAsCreated ?? findCategory(view.category))?.label[lang] ?? view.category,
    );
    line(t('case.channel'), vocabLabel('channel', view.channel, lang));
    line(t('case.via'), vocabLabel('via', view.via, lang));
    line(t('case.goal'), view.reporterGoal ? vocabLabel('goal', view.reporterGoal, lang) : '—');
    line(
      t('cases.status.followUp'),
      view.followUp ? vocabLabel('followUp', view.followUp, lang) : '—',
    );
    line(t('cases.status.closedOn'), view.closedOn ? formatDate(view.closedOn, lang) : '—');
  }
  if (sections.includes('parties')) {
    heading(t('case.reporter'));
    doc.text(
      view.reporter
        ? `${view.reporter.name} ${view.reporter.contact}`.trim()
        : view.isAnonymous
          ? t('case.reporterAnonymous')
          : `${t('workspace.summary.named')} — ${t('workspace.summary.identityHidden')}`, // a named report stays named (issue 19)
    );
    if (extra.intermediary) line(t('cases.register.intermediary'), extra.intermediary);
  }
  if (sections.includes('narrative')) {
    heading(t('case.narrative'));
    doc.text(view.narrative || '—');
  }
  if (sections.includes('contacts')) {
    heading(t('cases.section.contacts'));
    for (const c of view.contacts) {
      doc
        .font('Helvetica-Bold')
        .text(`${formatDate(c.occurredOn, lang)} — ${vocabLabel('channel', c.channel, lang)}`)
        .font('Helvetica');
      line(t('cases.contact.participants'), c.participants);
      doc.text(c.notes).moveDown(0.5);
    }
  }
  if (sections.includes('tasks')) {
    heading(t('cases.section.tasks'));
    for (const task of view.tasks)
      doc.text(
        `${formatDate(task.dueOn, lang)}: ${task.title} (${task.isDone ? t('cases.task.done') : t('cases.task.open')})`,
      );
  }
  if (sections.includes('documents')) {
    heading(t('cases.documents.heading'));
    if (view.documents.length === 0) doc.text(t('cases.documents.none'));
    for (const d of view.documents)
      doc.text(
        `${formatDate(d.addedAt, lang)}: ${d.name} (${t(`cases.documents.from.${d.source}`)})`,
      );
  }
  if (sections.includes('history')) {
    heading(t('cases.status.history'));
    for (const a of view.assignments)
      doc.text(
        `${formatDate(a.at, lang)}: ${t('cases.assign.history', { name: a.adviserName })}${a.reason ? ` — ${a.reason}` : ''}`,
      );
    for (const h of view.history)
      doc.text(
        `${formatDate(h.at, lang)}: ${vocabLabel('status', h.from, lang)} → ${vocabLabel('status', h.to, lang)}${h.reason ? ` — ${h.reason}` : ''}`,
      );
  }
  doc.end();
  return done;
}
