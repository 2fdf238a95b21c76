import { CsrfField } from '../../ui/layout.js';
import { DateText } from '../../ui/dates.js';
import { SubmitButton, type FieldErrors } from '../../ui/form.js';
import { formatBytes, UploadField } from '../attachments/upload-field.js';
import type { ViewContext } from '../http/env.js';
import type { CaseView } from './cases.presenter.js';

const TYPE_LABEL: Record<string, string> = {
  'image/jpeg': 'JPEG',
  'image/png': 'PNG',
  'application/pdf': 'PDF',
};

/** Documents and evidence on the case record: every file of the case, and (for its handlers) an upload form. */
export function CaseDocuments({
  ctx,
  view,
  canHandle,
  errors,
}: {
  ctx: ViewContext;
  view: CaseView;
  canHandle: boolean;
  errors: FieldErrors;
}) {
  const { t } = ctx;
  return (
    <section aria-labelledby="documents-heading">
      <h2 id="documents-heading" class="utrecht-heading-2">
        {t('cases.documents.heading')}
      </h2>
      {view.documents.length === 0 ? (
        <p>{t('cases.documents.none')}</p>
      ) : (
        <table class="data" data-testid="documents">
          <caption class="visually-hidden">{t('cases.documents.heading')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('cases.documents.name')}</th>
              <th scope="col">{t('cases.documents.source')}</th>
              <th scope="col">{t('cases.documents.added')}</th>
              <th scope="col">{t('cases.documents.size')}</th>
            </tr>
          </thead>
          <tbody>
            {view.documents.map((d) => (
              <tr>
                <td>
                  <a href={`/cases/${view.id}/files/${d.id}`}>{d.name}</a> (
                  {TYPE_LABEL[d.mediaType] ?? d.mediaType})
                </td>
                <td>{t(`cases.documents.from.${d.source}`)}</td>
                <td>
                  <DateText value={d.addedAt} lang={ctx.lang} />
                </td>
                <td>{formatBytes(d.sizeBytes)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {canHandle && (
        <details class="action" id="action-documents" open={errors.files !== undefined}>
          <summary class="action__summary">{t('cases.documents.add')}</summary>
          <form
            method="post"
            action={`/cases/${view.id}/documents`}
            enctype="multipart/form-data"
            class="action__body"
          >
            <p class="hint">{t('cases.documents.internal')}</p>
            <CsrfField ctx={ctx} />
            <UploadField t={t} label={t('cases.documents.files')} error={errors.files} />
            <SubmitButton>{t('cases.documents.submit')}</SubmitButton>
          </form>
        </details>
      )}
    </section>
  );
}
