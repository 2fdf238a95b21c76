import type { z } from 'zod';
import { IntakeFields, refineIntake } from './intake.schema.js';
import type { Answers } from './intake-draft.js';

/**
 * The question pages of the intake, in order: one thing at a time (GOV.UK). A step names the
 * fields it asks; some steps apply only after certain answers or when the team has the data.
 */
export interface StepContext {
  teamCount: number;
  orgUnitCount: number;
  adviserCount: number;
  /** The team's current categories (administered versions); a subtype question only where one has subtypes. */
  categories: readonly { key: string; subtypes: readonly unknown[] }[];
}

export interface Step {
  key: string;
  fields: (keyof z.infer<typeof IntakeFields>)[];
  applies?: (a: Answers, ctx: StepContext) => boolean;
}

export const STEPS: Step[] = [
  { key: 'team', fields: ['team'], applies: (_a, ctx) => ctx.teamCount > 1 },
  { key: 'behalf', fields: ['behalf'] },
  { key: 'category', fields: ['category'] },
  {
    key: 'subtype',
    fields: ['subtype'],
    applies: (a, ctx) =>
      (ctx.categories.find((c) => c.key === a.category)?.subtypes.length ?? 0) > 0,
  },
  { key: 'narrative', fields: ['narrative'] },
  { key: 'when', fields: ['happenedDay', 'happenedMonth', 'happenedYear', 'happenedUnsure'] },
  { key: 'location', fields: ['location'] },
  { key: 'reporterRole', fields: ['reporterRole'] },
  { key: 'gender', fields: ['gender'] },
  { key: 'orgUnit', fields: ['orgUnit'], applies: (_a, ctx) => ctx.orgUnitCount > 0 },
  { key: 'accusedRole', fields: ['accusedRole'] },
  {
    key: 'accused',
    fields: ['accusedName', 'accusedUnit', 'accusedEmail', 'accusedNumber', 'accusedSocial'],
  },
  { key: 'goal', fields: ['goal'] },
  { key: 'anonymous', fields: ['anonymous'] },
  { key: 'contact', fields: ['name', 'contact'], applies: (a) => a.anonymous === 'no' },
  { key: 'channel', fields: ['channel'] },
  { key: 'adviser', fields: ['adviser'], applies: (_a, ctx) => ctx.adviserCount > 0 },
];

export const STEP_KEYS = STEPS.map((s) => s.key);

export function findStep(key: string | undefined): Step | undefined {
  return STEPS.find((s) => s.key === key);
}

export function applicableSteps(a: Answers, ctx: StepContext): Step[] {
  return STEPS.filter((s) => !s.applies || s.applies(a, ctx));
}

/** The fields of one step that the form sent, as strings; a checkbox left empty counts as ''. */
export function stepAnswers(step: Step, form: Answers): Answers {
  return Object.fromEntries(step.fields.map((f) => [f, form[f] ?? '']));
}

/**
 * Field errors (message keys) of one step, judged with everything answered so far: the
 * step's own fields and the checks between fields that concern them.
 */
export function stepIssues(step: Step, a: Answers): z.core.$ZodIssue[] {
  const mask = Object.fromEntries(step.fields.map((f) => [f, true])) as Record<string, true>;
  const own = IntakeFields.pick(mask as never).safeParse(a);
  const issues = own.success ? [] : [...own.error.issues];
  const whole = IntakeFields.partial().superRefine(refineIntake).safeParse(a);
  if (!whole.success)
    issues.push(
      ...whole.error.issues.filter((i) => step.fields.includes(String(i.path[0]) as never)),
    );
  return issues;
}

/** The first applicable step whose answers do not pass yet; undefined when all are complete. */
export function firstIncompleteStep(a: Answers, ctx: StepContext): Step | undefined {
  return applicableSteps(a, ctx).find((s) => stepIssues(s, a).length > 0);
}

export function neighbourStep(
  current: Step,
  a: Answers,
  ctx: StepContext,
  direction: 1 | -1,
): Step | undefined {
  const steps = applicableSteps(a, ctx);
  const i = steps.findIndex((s) => s.key === current.key);
  return i < 0 ? steps[0] : steps[i + direction];
}
