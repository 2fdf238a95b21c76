import type { z } from 'zod';
import type { Translate } from '../../i18n/i18n.js';
import type { FieldErrors } from '../../ui/form.js';
import { toFieldErrors } from '../http/validation.js';
import type { Team } from '../teams/teams.service.js';
import { IntakeInput } from './intake.schema.js';
import type { Answers } from './intake-draft.js';
import { teamChoiceErrors, type IntakeOptions } from './intake-options.js';
import { stepIssues, type Step } from './intake-steps.js';

/**
 * Translated field errors of the answers: of one step when given, else of the whole report.
 * Besides the schema, the team must exist and a faculty or adviser must be one it offers.
 */
export function answerErrors(
  t: Translate,
  answers: Answers,
  teams: Team[],
  options: IntakeOptions,
  step?: Step,
): FieldErrors {
  const issues: z.core.$ZodIssue[] = step
    ? stepIssues(step, answers)
    : (IntakeInput.safeParse(answers).error?.issues ?? []);
  const errors = issues.length ? toFieldErrors({ issues } as z.ZodError, t) : {};
  const concerns = (field: string) => !step || step.fields.includes(field as never);
  if (concerns('team') && !teams.some((team) => team.key === answers.team))
    errors.team ??= t('validation.choose');
  for (const [field, key] of Object.entries(teamChoiceErrors(answers, options)))
    if (concerns(field)) errors[field] ??= t(key);
  delete errors.idempotencyKey;
  return errors;
}
