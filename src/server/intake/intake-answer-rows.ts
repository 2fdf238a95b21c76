import type { MessageKey, Translate } from '../../i18n/i18n.js';

/** What the intake's question pages added to a case, as the staff case page shows it. */
export interface IntakeAnswers {
  behalf: string | null;
  happened: string | null;
  preferredChannel: string | null;
}

/** Term–value rows for the case page's details list; `none` where the reporter gave no answer. */
export function intakeAnswerRows(t: Translate, a: IntakeAnswers, none: string): [string, string][] {
  return [
    [t('caseIntake.behalf'), a.behalf ? t(`intake.behalf.${a.behalf}` as MessageKey) : none],
    [t('caseIntake.happened'), a.happened ?? none],
    [
      t('caseIntake.preferredChannel'),
      a.preferredChannel ? t(`intake.channel.${a.preferredChannel}` as MessageKey) : none,
    ],
  ];
}
