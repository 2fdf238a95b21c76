import { Hono, type Context } from 'hono';
import type { z } from 'zod';
import type { Deps } from '../bootstrap.js';
import { signedInUser, viewContext, type AppEnv } from '../http/env.js';
import { AppError } from '../http/errors.js';
import { readStrictCookie } from '../http/cookies.js';
import { formStrings, toFieldErrors } from '../http/validation.js';
import { noticeOf, noticeRedirect } from '../http/notice.js';
import type { Translate } from '../../i18n/i18n.js';
import { loadCaseContext } from '../cases/case-context.js';
import { canHandleCase } from '../cases/cases.policy.js';
import { MAILBOX_COOKIE } from '../mailbox/reporter-session.js';
import { findReporterCaseId } from '../mailbox/reporter-session.js';
import { addAccusedIdentifiers, listAccusedIdentifiers } from './identifiers.service.js';
import {
  decideEscrow,
  findEscrowState,
  notifyMatchedEscrows,
  setPatternEscrow,
} from './escrow.service.js';
import { listPatternSignals } from './signals.service.js';
import { patternTeamIds } from './patterns.policy.js';
import { EscrowDecisionInput, EscrowInput, IdentifierFormInput } from './patterns.schema.js';
import { IdentifiersPage } from './identifiers.views.js';
import { PatternsPage } from './patterns.views.js';
import { ReporterPatternPage } from './reporter-pattern.views.js';
import { UUID } from '../http/params.js';

/** Field errors of the identifier form; the "unusable identifier" message is this area's own. */
function identifierErrors(error: z.ZodError, t: Translate) {
  const errors = toFieldErrors(error, t);
  if (
    error.issues.some((i) => i.message === 'patterns.validation.identifier') &&
    !error.issues.some(
      (i) => i.path[0] === 'value' && i.message !== 'patterns.validation.identifier',
    )
  ) {
    errors.value = t('patterns.validation.identifier');
  }
  return errors;
}

/** Confirmations after a successful POST, shown by the GET it redirects to. */
const NOTICES = {
  added: 'patterns.identifiers.added',
  waiting: 'patterns.escrow.saved',
  released: 'patterns.decision.released',
  declined: 'patterns.decision.declined',
} as const;

/** Coordinators' signal, advisers' identifiers of the accused, and the reporter's escrow in the mailbox. */
export function patternRoutes(deps: Deps) {
  const app = new Hono<AppEnv>();

  app.get('/patterns', async (c) => {
    const user = c.get('user');
    if (!user) throw new AppError('UNAUTHENTICATED');
    if (patternTeamIds(user.memberships).length === 0) throw new AppError('FORBIDDEN');
    return c.html(
      <PatternsPage ctx={viewContext(c)} teams={await listPatternSignals(deps.db, user)} />,
    );
  });

  const renderIdentifiers = async (
    c: Context<AppEnv>,
    errors = {},
    values: Record<string, string> = {},
  ) => {
    const notice = noticeOf(c, c.get('t'), NOTICES);
    const user = signedInUser(c);
    const id = c.req.param('id') ?? '';
    if (!UUID.test(id)) throw new AppError('NOT_FOUND');
    const { row, facts } = await loadCaseContext(deps.db, deps.keyring, id, {
      kind: 'user',
      user: user,
      need: 'open',
    });
    const identifiers = await listAccusedIdentifiers(deps.db, deps.keyring, id, {
      kind: 'user',
      userId: user.id,
    });
    if (Object.keys(errors).length) c.status(422);
    const canAdd = canHandleCase(user.id, user.memberships, facts);
    return c.html(
      <IdentifiersPage
        ctx={viewContext(c)}
        caseId={id}
        reference={row.reference}
        identifiers={identifiers}
        canAdd={canAdd}
        errors={errors}
        values={values}
        notice={notice}
      />,
    );
  };

  app.get('/cases/:id/identifiers', (c) => renderIdentifiers(c));

  app.post('/cases/:id/identifiers', async (c) => {
    const user = signedInUser(c);
    const id = c.req.param('id');
    if (!UUID.test(id)) throw new AppError('NOT_FOUND');
    await loadCaseContext(deps.db, deps.keyring, id, { kind: 'user', user: user, need: 'handle' });
    const values = formStrings(await c.req.parseBody());
    const parsed = IdentifierFormInput.safeParse(values);
    if (!parsed.success)
      return renderIdentifiers(c, identifierErrors(parsed.error, c.get('t')), values);
    await deps.db.transaction().execute((trx) =>
      addAccusedIdentifiers(trx, deps.keyring, id, [parsed.data], {
        kind: 'user',
        userId: user.id,
      }),
    );
    await notifyMatchedEscrows(deps.db, deps.keyring);
    return noticeRedirect(c, `/cases/${id}/identifiers`, 'added');
  });

  // The reporter's side lives in the mailbox and needs its session.
  const reporterCase = (c: Context<AppEnv>) =>
    findReporterCaseId(deps.db, readStrictCookie(c, MAILBOX_COOKIE, deps.config.secureCookies));
  const renderReporter = async (
    c: Context<AppEnv>,
    caseId: string,
    errors = {},
    values: Record<string, string> = {},
  ) => {
    const notice = noticeOf(c, c.get('t'), NOTICES);
    const identifiers = await listAccusedIdentifiers(deps.db, deps.keyring, caseId, {
      kind: 'reporter',
    });
    if (Object.keys(errors).length) c.status(422);
    return c.html(
      <ReporterPatternPage
        ctx={viewContext(c)}
        escrowState={await findEscrowState(deps.db, caseId)}
        identifiers={identifiers}
        errors={errors}
        values={values}
        notice={notice}
      />,
    );
  };

  app.get('/postbus/patroon', async (c) => {
    const caseId = await reporterCase(c);
    return caseId ? renderReporter(c, caseId) : c.redirect('/postbus', 303);
  });

  app.post('/postbus/patroon', async (c) => {
    const caseId = await reporterCase(c);
    if (!caseId) return c.redirect('/postbus', 303);
    const values = formStrings(await c.req.parseBody());
    const parsed = IdentifierFormInput.safeParse(values);
    if (!parsed.success)
      return renderReporter(
        c,
        caseId,
        { identifier: identifierErrors(parsed.error, c.get('t')) },
        values,
      );
    await deps.db
      .transaction()
      .execute((trx) =>
        addAccusedIdentifiers(trx, deps.keyring, caseId, [parsed.data], { kind: 'reporter' }),
      );
    await notifyMatchedEscrows(deps.db, deps.keyring);
    return noticeRedirect(c, '/postbus/patroon', 'added');
  });

  app.post('/postbus/patroon/wachten', async (c) => {
    const caseId = await reporterCase(c);
    if (!caseId) return c.redirect('/postbus', 303);
    const parsed = EscrowInput.safeParse(formStrings(await c.req.parseBody()));
    if (!parsed.success)
      return renderReporter(c, caseId, { escrow: { confirm: c.get('t')('validation.choose') } });
    await deps.db
      .transaction()
      .execute((trx) => setPatternEscrow(trx, caseId, { kind: 'reporter' }));
    await notifyMatchedEscrows(deps.db, deps.keyring);
    return noticeRedirect(c, '/postbus/patroon', 'waiting');
  });

  app.post('/postbus/patroon/besluit', async (c) => {
    const caseId = await reporterCase(c);
    if (!caseId) return c.redirect('/postbus', 303);
    const parsed = EscrowDecisionInput.safeParse(formStrings(await c.req.parseBody()));
    if (!parsed.success)
      return renderReporter(c, caseId, { escrow: toFieldErrors(parsed.error, c.get('t')) });
    const ok = await decideEscrow(deps.db, caseId, parsed.data.decision);
    if (!ok)
      return renderReporter(c, caseId, {
        escrow: { decision: c.get('t')('patterns.decision.notPossible') },
      });
    return noticeRedirect(
      c,
      '/postbus/patroon',
      parsed.data.decision === 'release' ? 'released' : 'declined',
    );
  });

  return app;
}
