import type { ViewContext } from '../http/env.js';

/**
 * The reporter's "urgent" option on the intake's last page (issue 11): not life-threatening —
 * for acute danger the option itself says to call 112. Ticked, it alerts the team's on-call
 * coordinator at once, by a content-free e-mail.
 */
export function UrgentChoice({ ctx, checked }: { ctx: ViewContext; checked: boolean }) {
  const { t } = ctx;
  return (
    <div class="form-field">
      <fieldset aria-describedby="hint-urgent">
        <legend>{t('urgent.intakeLegend')}</legend>
        <p class="hint" id="hint-urgent">
          {t('urgent.intakeHint')}
        </p>
        <div class="choice">
          <input type="checkbox" id="field-urgent" name="urgent" value="yes" checked={checked} />
          <label for="field-urgent">{t('urgent.optionText')}</label>
        </div>
      </fieldset>
    </div>
  );
}
