import { requestSiteUrl } from '../http/tenancy.js';
import { Hono, type Context } from 'hono';
import type { Deps } from '../bootstrap.js';
import type { Logger } from '../logger.js';
import { signedInUser, viewContext, type AppEnv } from '../http/env.js';
import { AppError } from '../http/errors.js';
import { formStrings, toFieldErrors } from '../http/validation.js';
import { noticeOf, noticeRedirect } from '../http/notice.js';
import type { FieldErrors } from '../../ui/form.js';
import { getAttachmentContent, listAttachments } from '../attachments/attachments.service.js';
import { downloadHeaders } from '../attachments/attachment-response.js';
import { filesOf, prepareUploads } from '../attachments/upload-rules.js';
import { UPLOAD_PROBLEM_MESSAGE } from '../attachments/upload-messages.js';
import {
  confirmAppointment,
  getIcsForCase,
  listAppointments,
} from '../appointments/appointments.service.js';
import { AppointmentConfirmInput } from '../appointments/appointments.schema.js';
import { caseContextFor } from '../cases/case-context.js';
import { listMessages, sendMessage } from './messages.service.js';
import { addMinutes, listMinutes } from './minutes.service.js';
import { notifyReporter } from './notification.service.js';
import { MessageInput } from './mailbox.schema.js';
import { MinutesInput } from './staff.schema.js';
import { CorrespondencePage } from './staff.views.js';

/** Confirmations after a successful POST, shown by the GET it redirects to. */
const NOTICES = {
  sent: 'mailbox.sent',
  minutes: 'correspondence.minutesAdded',
  confirmed: 'correspondence.confirmed',
} as const;

/** Staff side of messages, minutes, files and appointments; app.tsx mounts it behind requireUser. */
export function correspondenceRoutes(deps: Deps, logger?: Logger) {
  const app = new Hono<AppEnv>();

  const access = async (c: Context<AppEnv>) => {
    const user = signedInUser(c);
    // The rule of opening the case (with conflicts and the other party's adviser), audited.
    const sealer = await caseContextFor(c, deps, user, c.req.param('id') ?? '', 'open');
    return { user, reference: sealer.reference, sealer };
  };

  /** A failed POST renders the page with its errors; a good one redirects back to it. */
  const render = async (c: Context<AppEnv>, errors: FieldErrors = {}, messageDraft?: string) => {
    const { user, reference, sealer } = await access(c);
    const view = {
      caseId: sealer.id,
      reference,
      messages: await listMessages(deps.db, sealer, { kind: 'user', userId: user.id }),
      attachments: await listAttachments(deps.db, sealer),
      minutes: await listMinutes(deps.db, sealer),
      appointments: await listAppointments(deps.db, sealer),
    };
    if (Object.keys(errors).length) c.status(422);
    const notice = noticeOf(c, c.get('t'), NOTICES);
    return c.html(
      <CorrespondencePage
        ctx={viewContext(c)}
        view={view}
        errors={errors}
        notice={notice}
        messageDraft={messageDraft}
      />,
    );
  };
  const done = (c: Context<AppEnv>, notice: keyof typeof NOTICES) =>
    noticeRedirect(c, `/cases/${c.req.param('id')}/messages`, notice);

  app.get('/cases/:id/messages', (c) => render(c));

  app.post('/cases/:id/messages', async (c) => {
    const { user, sealer } = await access(c);
    const body = await c.req.parseBody({ all: true });
    const fields = formStrings(body as never);
    const parsed = MessageInput.safeParse(fields);
    const upload = await prepareUploads(filesOf(body, 'files'));
    if (!parsed.success || !upload.ok) {
      const errors = parsed.success ? {} : toFieldErrors(parsed.error, c.get('t'));
      if (!upload.ok) errors.files = c.get('t')(UPLOAD_PROBLEM_MESSAGE[upload.problem]);
      return render(c, errors, fields.body); // the message stays in the form
    }
    await sendMessage(deps.db, sealer, {
      author: 'adviser',
      authorUserId: user.id,
      body: parsed.data.body,
      files: upload.files,
    });
    await notifyReporter(deps, sealer, 'message', {
      logger,
      link: `${requestSiteUrl(c, deps.config)}/postbus`,
    });
    return done(c, 'sent');
  });

  app.post('/cases/:id/minutes', async (c) => {
    const { user, sealer } = await access(c);
    const parsed = MinutesInput.safeParse(formStrings(await c.req.parseBody()));
    if (!parsed.success) return render(c, toFieldErrors(parsed.error, c.get('t')));
    await addMinutes(deps.db, sealer, user.id, {
      conversationOn: parsed.data.conversationOn,
      body: parsed.data.minutes,
    });
    await notifyReporter(deps, sealer, 'minutes', {
      logger,
      link: `${requestSiteUrl(c, deps.config)}/postbus`,
    });
    return done(c, 'minutes');
  });

  app.get('/cases/:id/files/:fileId', async (c) => {
    const { user, sealer } = await access(c);
    const file = await getAttachmentContent(deps.db, sealer, c.req.param('fileId'), {
      kind: 'user',
      userId: user.id,
    });
    return c.body(new Uint8Array(file.content), 200, downloadHeaders(file));
  });

  app.post('/cases/:id/appointments/:appointmentId/confirm', async (c) => {
    const { user, sealer } = await access(c);
    const parsed = AppointmentConfirmInput.safeParse(formStrings(await c.req.parseBody()));
    if (!parsed.success) return render(c, toFieldErrors(parsed.error, c.get('t')));
    const token = await confirmAppointment(
      deps.db,
      deps.keyring,
      sealer,
      user.id,
      c.req.param('appointmentId'),
      parsed.data,
    );
    await notifyReporter(deps, sealer, 'appointment', {
      logger,
      link: `${requestSiteUrl(c, deps.config)}/afspraak/${token}.ics`,
    });
    return done(c, 'confirmed');
  });

  app.get('/cases/:id/appointments/:file', async (c) => {
    const { sealer } = await access(c);
    const id = /^([0-9a-f-]{36})\.ics$/.exec(c.req.param('file'))?.[1];
    if (!id) throw new AppError('NOT_FOUND');
    const ics = await getIcsForCase(deps.db, sealer, id, c.get('lang'));
    return c.body(ics, 200, {
      'Content-Type': 'text/calendar; charset=utf-8',
      'Content-Disposition': 'attachment; filename="afspraak.ics"',
    });
  });

  return app;
}
