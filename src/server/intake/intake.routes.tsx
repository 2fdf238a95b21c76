import crypto from 'node:crypto';
import { Hono, type Context } from 'hono';
import type { Deps } from '../bootstrap.js';
import { viewContext, type AppEnv } from '../http/env.js';
import { AppError } from '../http/errors.js';
import { formStrings } from '../http/validation.js';
import { listTeams, type Team } from '../teams/teams.service.js';
import { filesOf, prepareUploads } from '../attachments/upload-rules.js';
import { UPLOAD_PROBLEM_MESSAGE } from '../attachments/upload-messages.js';
import type { FieldErrors } from '../../ui/form.js';
import { IntakeInput } from './intake.schema.js';
import { findAcknowledgement, forgetReceipt, submitIntake } from './intake.service.js';
import { AcknowledgementPage, HomePage, NextStepsPage } from './intake.views.js';
import { DRAFT_FIELD, openDraft, sealDraft, type Answers } from './intake-draft.js';
import {
  applicableSteps,
  findStep,
  firstIncompleteStep,
  neighbourStep,
  STEPS,
  stepAnswers,
  type Step,
} from './intake-steps.js';
import { listIntakeOptions, stepContext, type IntakeOptions } from './intake-options.js';
import { CheckAnswersPage, DraftExpiredPage, QuestionPage } from './intake-pages.js';
import { answerErrors } from './intake-errors.js';
import { admitReport, guardFor } from './intake-budget.js';
import { ClosedPage } from './intake-closed.views.js';
import { newProofChallenge, PROOF_FIELD } from '../http/proof-of-work.js';
import { alertAfterIntake } from '../urgent/urgent.routes.js';
import { notifyNewReport } from '../notify/new-report.notify.js';
import type { SsoConfig } from '../sso/sso.config.js';
import { reporterVerifyRoutes } from './reporter-verify.routes.js';
import { verifiedByOf } from './reporter-verify.service.js';

const newKey = () => crypto.randomBytes(18).toString('base64url');
const validKey = (k: string | undefined) => /^[A-Za-z0-9_-]{16,64}$/.test(k ?? '');

/**
 * The public side: the intake as question pages (one thing at a time), a check-your-answers
 * page, and the final POST /melden, which also accepts every field at once.
 */
export function intakeRoutes(deps: Deps, today: () => string, sso?: SsoConfig) {
  const app = new Hono<AppEnv>();

  /** Renders a question page or, when every question is answered, the check page. */
  const render = async (
    c: Context<AppEnv>,
    teams: Team[],
    answers: Answers,
    target: Step | 'check',
    errors: FieldErrors = {},
    returnTo?: 'check',
    verifyFailed = false,
  ) => {
    const ctx = viewContext(c);
    const options = await optionsFor(teams, answers);
    const draft = sealDraft(deps.keyring, ctx.csrfToken, answers);
    const steps = applicableSteps(answers, stepContext(teams.length, options));
    const props = {
      ctx,
      answers,
      errors,
      teams,
      options,
      draft,
      canVerify: Boolean(sso?.oidc),
      verifyFailed,
    };
    if (target === 'check') {
      const proof = await newProofChallenge(
        deps.keyring,
        'intake',
        (await guardFor(deps, c.get('institution')?.id)).proofCost,
      );
      return c.html(<CheckAnswersPage {...props} steps={steps} proof={proof} />);
    }
    const number = Math.max(1, steps.findIndex((s) => s.key === target.key) + 1);
    return c.html(<QuestionPage {...props} step={target} number={number} returnTo={returnTo} />);
  };
  const optionsFor = (teams: Team[], answers: Answers): Promise<IntakeOptions> =>
    listIntakeOptions(deps.db, teams.find((t) => t.key === answers.team)?.id);

  app.get('/', (c) => c.html(<HomePage ctx={viewContext(c)} />));
  // issue 9: optional confirmation of a named reporter's name and e-mail by the institution
  app.route(
    '/',
    reporterVerifyRoutes(deps, sso, async (c, answers, failed) =>
      render(
        c,
        await listTeams(deps.db, c.get('institution')?.id),
        answers,
        findStep('contact')!,
        {},
        undefined,
        failed,
      ),
    ),
  );

  app.get('/melden', async (c) => {
    const guard = await guardFor(deps, c.get('institution')?.id);
    if (guard.mode === 'closed')
      return c.html(<ClosedPage ctx={viewContext(c)} guard={guard} reason="closed" />, 503);
    const teams = await listTeams(deps.db, c.get('institution')?.id);
    const answers: Answers = {
      idempotencyKey: newKey(),
      ...(teams.length === 1 ? { team: teams[0]!.key } : {}),
    };
    return render(
      c,
      teams,
      answers,
      applicableSteps(answers, stepContext(teams.length, await optionsFor(teams, answers)))[0]!,
    );
  });

  // One question answered (or a Change/Back button): validate that step, then the next page.
  app.post('/melden/vraag', async (c) => {
    const form = formStrings(await c.req.parseBody());
    const stored = openDraft(deps.keyring, c.get('csrfToken'), form[DRAFT_FIELD]);
    if (form[DRAFT_FIELD] && !stored) return expired(c);
    const teams = await listTeams(deps.db, c.get('institution')?.id);
    const edit = findStep(form.edit);
    if (stored && edit) return render(c, teams, stored, edit, {}, 'check');
    const step = findStep(form.step);
    if (!step) throw new AppError('NOT_FOUND');
    const answers: Answers = { ...stored, ...stepAnswers(step, form) };
    if (!validKey(answers.idempotencyKey))
      answers.idempotencyKey = validKey(form.idempotencyKey) ? form.idempotencyKey! : newKey();
    const returnTo = form.returnTo === 'check' ? 'check' : undefined;
    const ctx = stepContext(teams.length, await optionsFor(teams, answers));
    if (form.nav === 'back')
      return render(c, teams, answers, neighbourStep(step, answers, ctx, -1) ?? step, {}, returnTo);
    const errors = answerErrors(c.get('t'), answers, teams, await optionsFor(teams, answers), step);
    if (Object.keys(errors).length > 0) {
      c.status(422);
      return render(c, teams, answers, step, errors, returnTo);
    }
    const next = returnTo ? undefined : neighbourStep(step, answers, ctx, 1);
    return render(
      c,
      teams,
      answers,
      next ?? firstIncompleteStep(answers, ctx) ?? 'check',
      {},
      returnTo,
    );
  });

  // Sending the report: the sealed answers plus evidence, or every field in one POST.
  app.post('/melden', async (c) => {
    const guard = await guardFor(deps, c.get('institution')?.id); // the operator's switch (decision 025)
    if (guard.mode === 'closed')
      return c.html(<ClosedPage ctx={viewContext(c)} guard={guard} reason="closed" />, 503);
    const t = c.get('t');
    const body = await c.req.parseBody({ all: true });
    const form = formStrings(body as never);
    const stored = openDraft(deps.keyring, c.get('csrfToken'), form[DRAFT_FIELD]);
    if (form[DRAFT_FIELD] && !stored) return expired(c);
    const { [DRAFT_FIELD]: _draft, _csrf, [PROOF_FIELD]: proof, ...fields } = form;
    const values: Answers = { ...stored, ...fields };
    if (!validKey(values.idempotencyKey)) values.idempotencyKey = newKey();
    const teams = await listTeams(deps.db, c.get('institution')?.id);
    const options = await optionsFor(teams, values);
    const errors = answerErrors(t, values, teams, options);
    if (Object.keys(errors).length > 0) {
      const first = STEPS.find((s) => s.fields.some((f) => errors[f])) ?? STEPS[0]!;
      const own = Object.fromEntries(
        Object.entries(errors).filter(([f]) => first.fields.includes(f as never)),
      );
      c.status(422);
      return render(c, teams, values, first, own, 'check');
    }
    const upload = await prepareUploads(filesOf(body, 'files'));
    if (!upload.ok) {
      c.status(422);
      return render(c, teams, values, 'check', {
        files: t(UPLOAD_PROBLEM_MESSAGE[upload.problem]),
      });
    }
    // Only a well-formed, complete report spends budget: per browser session, never per installation (decision 025).
    const refusal = await admitReport(deps, guard, c.get('csrfToken'), proof);
    if (refusal)
      return c.html(
        <ClosedPage
          ctx={viewContext(c)}
          guard={guard}
          reason={refusal.reason}
          count={refusal.count}
        />,
        429,
      );
    const parsed = IntakeInput.parse(values);
    const team = teams.find((tm) => tm.key === parsed.team)!;
    const origin = { browserKey: c.get('browserKey'), idempotencyKey: parsed.idempotencyKey };
    const ack = await submitIntake(
      deps.db,
      deps.keyring,
      team.id,
      parsed,
      origin,
      today(),
      upload.files,
      verifiedByOf(stored, parsed),
    );
    if (parsed.urgent === 'yes') await alertAfterIntake(deps, ack.caseId); // issue 11: the on-call coordinator, at once
    await notifyNewReport(deps, ack.caseId); // issue 9: content-free notice to the team's advisers and coordinators
    return c.html(
      <AcknowledgementPage
        ctx={viewContext(c)}
        ack={ack}
        idempotencyKey={parsed.idempotencyKey}
        errors={{}}
      />,
    );
  });

  // The required "I have saved my code" step, then a choice (mailbox, conversation, done); only for the
  // browser that filed the report, and the saved code is forgotten (docs/decisions/022).
  app.post('/melden/bewaard', async (c) => {
    const values = formStrings(await c.req.parseBody());
    const key = values.idempotencyKey ?? '';
    const ack = await findAcknowledgement(deps.db, deps.keyring, {
      browserKey: c.get('browserKey'),
      idempotencyKey: key,
    });
    if (!ack) throw new AppError('NOT_FOUND');
    if (values.saved !== 'yes') {
      c.status(422);
      return c.html(
        <AcknowledgementPage
          ctx={viewContext(c)}
          ack={ack}
          idempotencyKey={key}
          errors={{ saved: c.get('t')('validation.savedReceipt') }}
        />,
      );
    }
    await forgetReceipt(deps.db, ack.caseId);
    return c.html(<NextStepsPage ctx={viewContext(c)} ack={ack} idempotencyKey={key} />);
  });

  return app;
}

function expired(c: Context<AppEnv>) {
  c.status(422);
  return c.html(<DraftExpiredPage ctx={viewContext(c)} />);
}
