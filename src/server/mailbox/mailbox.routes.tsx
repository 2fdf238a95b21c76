import { Hono, type Context } from 'hono';
import type { Deps } from '../bootstrap.js';
import { viewContext, type AppEnv } from '../http/env.js';
import { AppError } from '../http/errors.js';
import { budgetKey, readIntakeGuard, spendHourly } from '../http/anti-automation.js';
import { countRefusal, refuse } from '../http/refusals.js';
import { newProofChallenge, PROOF_FIELD, spendProof } from '../http/proof-of-work.js';
import { ClosedPage } from '../intake/intake-closed.views.js';
import { clearStrictCookie, readStrictCookie, setStrictCookie } from '../http/cookies.js';
import { CSRF_COOKIE } from '../http/csrf.js';
import { formStrings, toFieldErrors } from '../http/validation.js';
import { noticeOf, noticeRedirect } from '../http/notice.js';
import { getAttachmentContent } from '../attachments/attachments.service.js';
import { downloadHeaders } from '../attachments/attachment-response.js';
import { filesOf, prepareUploads } from '../attachments/upload-rules.js';
import { UPLOAD_PROBLEM_MESSAGE } from '../attachments/upload-messages.js';
import { getIcsForCase } from '../appointments/appointments.service.js';
import { getCaseSealer } from './case-key.js';
import { getMailbox } from './mailbox.service.js';
import {
  DisclosureInput,
  MessageInput,
  MinutesResponseInput,
  NotificationInput,
  ReceiptInput,
} from './mailbox.schema.js';
import { MailboxPage, MailboxSignInPage, type MailboxErrors } from './mailbox.views.js';
import {
  browserThrottleKey,
  findReporterCaseId,
  MAILBOX_COOKIE,
  signInWithReceipt,
  signOutReporter,
} from './reporter-session.js';
import { sendMessage } from './messages.service.js';
import { respondToMinutes } from './minutes.service.js';
import { removeNotificationAddress, setNotificationAddress } from './notification.service.js';
import { discloseIdentity } from './identity.service.js';
import { AppointmentRequestInput, slotsOf } from '../appointments/appointments.schema.js';
import { requestAppointment } from '../appointments/appointments.service.js';
import { RuleError } from '../http/rule-error.js';
import { listReporterRequests, recordRightsRequest } from '../rights/rights.service.js';
import { buildReporterFile } from '../rights/reporter-file.service.js';
import { CorrectionRequestInput, ErasureRequestInput } from '../rights/rights.schema.js';

type MailboxEnv = { Variables: AppEnv['Variables'] & { caseId: string } };

/** Confirmations after a successful POST, shown by the GET it redirects to. */
const NOTICES = {
  sent: 'mailbox.sent',
  approved: 'mailbox.minutesApproved',
  corrected: 'mailbox.minutesCorrectionSent',
  'email-saved': 'mailbox.notifySaved',
  'email-removed': 'mailbox.notifyRemoved',
  disclosed: 'mailbox.disclosed',
  appointment: 'appointment.requestedNotice',
  'correction-requested': 'rights.mailbox.correctionSent',
  'erasure-requested': 'rights.mailbox.erasureSent',
} as const;
type Notice = keyof typeof NOTICES;
const ctxOf = (c: Context<MailboxEnv>) => viewContext(c as unknown as Context<AppEnv>);

/** The anonymous reporter's mailbox, signed in with the receipt code. */
export function mailboxRoutes(deps: Deps) {
  const app = new Hono<MailboxEnv>();
  const secure = deps.config.secureCookies;

  const signInPage = async (
    c: Context<MailboxEnv>,
    errors: Record<string, string>,
    status?: string,
  ) => {
    const guard = await readIntakeGuard(
      deps.db,
      deps.config.budgets.proofCost,
      c.get('institution')?.id,
    );
    const proof = await newProofChallenge(deps.keyring, 'mailbox', guard.proofCost);
    return c.html(
      <MailboxSignInPage ctx={ctxOf(c)} errors={errors} status={status} proof={proof} />,
    );
  };

  app.get('/postbus', (c) =>
    signInPage(
      c,
      {},
      c.req.query('notice') === 'signed-out' ? c.get('t')('mailbox.signedOut') : undefined,
    ),
  );

  app.post('/postbus', async (c) => {
    const t = c.get('t');
    const form = formStrings(await c.req.parseBody());
    const parsed = ReceiptInput.safeParse(form);
    if (!parsed.success) {
      c.status(422);
      return signInPage(c, toFieldErrors(parsed.error, t));
    }
    // Under attack the operator may require proof of work: then a sign-in without it gets the contact page.
    const guard = await readIntakeGuard(
      deps.db,
      deps.config.budgets.proofCost,
      c.get('institution')?.id,
    );
    if (
      guard.mode === 'proof_required' &&
      !(await spendProof(deps.db, deps.keyring, form[PROOF_FIELD], 'mailbox'))
    ) {
      countRefusal('mailbox_sign_in');
      c.status(429);
      return c.html(<ClosedPage ctx={ctxOf(c)} guard={guard} reason="script" />);
    }
    const browserKey = browserThrottleKey(
      deps.keyring,
      readStrictCookie(c, CSRF_COOKIE, secure) ?? '',
    );
    const result = await signInWithReceipt(
      deps.db,
      deps.keyring,
      parsed.data.receipt,
      browserKey,
      new Date(),
      deps.config.budgets.signInFailuresPerBrowser,
    );
    if (!result.ok) {
      if (result.waitMinutes) countRefusal('mailbox_sign_in');
      c.status(result.waitMinutes ? 429 : 401);
      const message = result.waitMinutes
        ? t('mailbox.throttled', { minutes: result.waitMinutes })
        : t('mailbox.signInFailed');
      return signInPage(c, { receipt: message });
    }
    setStrictCookie(c, MAILBOX_COOKIE, result.token, secure, 3600);
    return c.redirect('/postbus/inbox', 303);
  });

  app.post('/postbus/uitloggen', async (c) => {
    const token = readStrictCookie(c, MAILBOX_COOKIE, secure);
    if (token) await signOutReporter(deps.db, token);
    clearStrictCookie(c, MAILBOX_COOKIE, secure);
    return c.redirect('/postbus?notice=signed-out', 303);
  });

  app.use('/postbus/*', async (c, next) => {
    if (c.req.path === '/postbus') return next();
    const caseId = await findReporterCaseId(deps.db, readStrictCookie(c, MAILBOX_COOKIE, secure));
    if (!caseId) return c.redirect('/postbus', 303);
    c.set('caseId', caseId);
    await next();
  });

  /** A failed POST renders the page with its errors; a good one redirects to the inbox. */
  const render = async (
    c: Context<MailboxEnv>,
    errors: MailboxErrors = {},
    messageDraft?: string,
    disclosureDraft?: Record<string, string>,
    appointmentDraft?: Record<string, string>,
  ) => {
    const view = await getMailbox(deps.db, deps.keyring, c.get('caseId'));
    const requests = await listReporterRequests(deps.db, c.get('caseId'));
    if (Object.keys(errors).length) c.status(422);
    const notice = noticeOf(c, c.get('t'), NOTICES);
    return c.html(
      <MailboxPage
        ctx={ctxOf(c)}
        view={view}
        requests={requests}
        errors={errors}
        notice={notice}
        messageDraft={messageDraft}
        disclosureDraft={disclosureDraft}
        appointmentDraft={appointmentDraft}
      />,
    );
  };
  const done = (c: Context<MailboxEnv>, notice: Notice) =>
    noticeRedirect(c, '/postbus/inbox', notice);
  /** Messages and uploads: an hourly budget per mailbox (decision 025). */
  const spendMailboxWrite = async (c: Context<MailboxEnv>) => {
    if (
      !(await spendHourly(
        deps.db,
        budgetKey(deps.keyring, 'mailbox-write', c.get('caseId')),
        deps.config.budgets.mailboxWritesPerHour,
      ))
    )
      refuse('mailbox_message');
  };
  const sealerOf = (c: Context<MailboxEnv>) =>
    getCaseSealer(deps.db, deps.keyring, c.get('caseId'));

  app.get('/postbus/inbox', (c) => render(c));

  app.post('/postbus/berichten', async (c) => {
    const body = await c.req.parseBody({ all: true });
    const fields = formStrings(body as never);
    const parsed = MessageInput.safeParse(fields);
    const upload = await prepareUploads(filesOf(body, 'files'));
    if (!parsed.success || !upload.ok) {
      const errors = parsed.success ? {} : toFieldErrors(parsed.error, c.get('t'));
      if (!upload.ok) errors.files = c.get('t')(UPLOAD_PROBLEM_MESSAGE[upload.problem]);
      return render(c, { message: errors }, fields.body); // the message stays in the form
    }
    await spendMailboxWrite(c);
    await sendMessage(deps.db, await sealerOf(c), {
      author: 'reporter',
      body: parsed.data.body,
      files: upload.files,
    });
    return done(c, 'sent');
  });

  app.get('/postbus/bestanden/:id', async (c) => {
    const file = await getAttachmentContent(deps.db, await sealerOf(c), c.req.param('id'), {
      kind: 'reporter',
    });
    return c.body(new Uint8Array(file.content), 200, downloadHeaders(file));
  });

  app.post('/postbus/verslagen/:id', async (c) => {
    const parsed = MinutesResponseInput.safeParse(formStrings(await c.req.parseBody()));
    if (!parsed.success) return render(c, { minutes: toFieldErrors(parsed.error, c.get('t')) });
    const response =
      parsed.data.decision === 'approve'
        ? { approve: true as const }
        : { approve: false as const, correction: parsed.data.correction };
    await respondToMinutes(deps.db, await sealerOf(c), c.req.param('id'), response);
    return done(c, response.approve ? 'approved' : 'corrected');
  });

  app.post('/postbus/e-mail', async (c) => {
    const parsed = NotificationInput.safeParse(formStrings(await c.req.parseBody()));
    if (!parsed.success)
      return render(c, { notification: toFieldErrors(parsed.error, c.get('t')) });
    await setNotificationAddress(deps.db, await sealerOf(c), parsed.data.email, {
      kind: 'reporter',
    });
    return done(c, 'email-saved');
  });

  app.post('/postbus/e-mail/verwijderen', async (c) => {
    await removeNotificationAddress(deps.db, await sealerOf(c));
    return done(c, 'email-removed');
  });

  app.post('/postbus/identiteit', async (c) => {
    const form = formStrings(await c.req.parseBody());
    const parsed = DisclosureInput.safeParse(form);
    if (!parsed.success)
      return render(c, { disclosure: toFieldErrors(parsed.error, c.get('t')) }, undefined, {
        name: form.name ?? '',
        contact: form.contact ?? '',
      });
    const { name, contact } = parsed.data;
    await discloseIdentity(deps.db, await sealerOf(c), { name, contact });
    return done(c, 'disclosed');
  });

  app.get('/postbus/afspraak/:file', async (c) => {
    const id = /^([0-9a-f-]{36})\.ics$/.exec(c.req.param('file'))?.[1];
    if (!id) throw new AppError('NOT_FOUND');
    const ics = await getIcsForCase(deps.db, await sealerOf(c), id, c.get('lang'));
    return c.body(ics, 200, {
      'Content-Type': 'text/calendar; charset=utf-8',
      'Content-Disposition': `attachment; filename="${c.get('t')('appointment.icsFileName')}"`,
    });
  });

  app.post('/postbus/afspraak', async (c) => {
    const form = formStrings(await c.req.parseBody());
    const parsed = AppointmentRequestInput.safeParse(form);
    if (!parsed.success)
      return render(
        c,
        { appointment: toFieldErrors(parsed.error, c.get('t')) },
        undefined,
        undefined,
        form,
      );
    if (
      !(await spendHourly(
        deps.db,
        budgetKey(deps.keyring, 'appointment', c.get('caseId')),
        deps.config.budgets.appointmentRequestsPerHour,
      ))
    )
      refuse('appointment');
    const sealer = await sealerOf(c);
    try {
      await requestAppointment(
        deps.db,
        sealer,
        { mode: parsed.data.mode, slots: slotsOf(parsed.data), location: parsed.data.location },
        { kind: 'reporter' },
      );
    } catch (err) {
      if (!(err instanceof RuleError)) throw err;
      const message = c.get('t')(err.messageKey);
      return render(c, { appointment: { [err.field]: message } }, undefined, undefined, form);
    }
    if (parsed.data.email)
      await setNotificationAddress(deps.db, sealer, parsed.data.email, { kind: 'reporter' });
    return done(c, 'appointment');
  });

  // The reporter's rights (issue 23): a readable copy of what is held, a correction, erasure.
  app.get('/postbus/mijn-gegevens', async (c) => {
    const file = await buildReporterFile(
      deps.db,
      deps.keyring,
      c.get('caseId'),
      c.get('lang'),
      { kind: 'reporter' },
      'mailbox',
    );
    return c.body(file.text, 200, {
      'Content-Type': 'text/plain; charset=utf-8',
      'Content-Disposition': `attachment; filename="${file.fileName}"`,
    });
  });

  app.post('/postbus/correctie', async (c) => {
    const parsed = CorrectionRequestInput.safeParse(formStrings(await c.req.parseBody()));
    if (!parsed.success) return render(c, { rights: toFieldErrors(parsed.error, c.get('t')) });
    await spendMailboxWrite(c);
    const sealer = await sealerOf(c);
    await deps.db.transaction().execute((trx) =>
      recordRightsRequest(
        trx,
        sealer,
        {
          subject: 'reporter',
          kind: 'correction',
          details: parsed.data.rightsCorrection,
          via: 'mailbox',
        },
        { kind: 'reporter' },
      ),
    );
    return done(c, 'correction-requested');
  });

  app.post('/postbus/wissen', async (c) => {
    const parsed = ErasureRequestInput.safeParse(formStrings(await c.req.parseBody()));
    if (!parsed.success) return render(c, { rights: toFieldErrors(parsed.error, c.get('t')) });
    const sealer = await sealerOf(c);
    await deps.db
      .transaction()
      .execute((trx) =>
        recordRightsRequest(
          trx,
          sealer,
          { subject: 'reporter', kind: 'erasure', details: parsed.data.erasureWhy, via: 'mailbox' },
          { kind: 'reporter' },
        ),
      );
    return done(c, 'erasure-requested');
  });

  return app;
}
