import type { Deps } from '../bootstrap.js';
import { recordAudit, type AuditEventType } from '../audit/audit.service.js';
import { translator, type Translate } from '../../i18n/i18n.js';
import { sendEach } from '../jobs/send-each.js';
import { institutionBaseUrlOfCase } from '../tenancy/institution-url.js';
import { claimReminder, listTeamCoordinators } from './reminders.queries.js';

export interface Recipient {
  id: string;
  email: string;
  locale: 'nl' | 'en';
}

/** The case's adviser as a recipient, from a query row (joined only when the adviser is active). */
export const adviserOf = (r: {
  adviser_id: string | null;
  email: string | null;
  locale: 'nl' | 'en' | null;
}): Recipient | undefined =>
  r.adviser_id && r.email
    ? { id: r.adviser_id, email: r.email, locale: r.locale ?? 'nl' }
    : undefined;

/** Something due on a case, before it is addressed to anyone. */
export interface DueItem<K extends string = string> {
  /** Names this reminder once and for all: a claimed key is never sent again. */
  key: string;
  kind: K;
  caseId: string;
  teamId: string;
  reference: string;
  dueOn: string;
  /** The case's active adviser; without one the team's coordinators are reminded. */
  adviser: Recipient | undefined;
  /** Runs in the reminder's transaction after the key is claimed (e.g. schedule the next check-in). */
  after?: (trx: Deps['db']) => Promise<void>;
}

export interface Reminder<K extends string = string> extends DueItem<K> {
  recipient: Recipient;
  /** The case has no adviser: the mail goes to a coordinator of the team. */
  unassigned: boolean;
  /** The address of the case's institution's site, for the mail's link (decision 039). */
  siteUrl: string;
}

/** What a kind of reminder says (content-free) and how it is audited. */
export interface ReminderSpec<K extends string> {
  auditType: AuditEventType;
  mail: (t: Translate, r: Reminder<K>) => { subject: string; text: string };
}

/**
 * Addresses each item: to the case's adviser, or — when no (active) adviser is assigned — to
 * each coordinator of the team, with a key per coordinator.
 */
async function addressReminders<K extends string>(
  deps: Deps,
  items: DueItem<K>[],
): Promise<Reminder<K>[]> {
  const unassignedTeams = [...new Set(items.filter((i) => !i.adviser).map((i) => i.teamId))];
  const coordinators = await listTeamCoordinators(deps.db, unassignedTeams);
  const siteUrls = new Map<string, string>();
  for (const caseId of new Set(items.map((i) => i.caseId)))
    siteUrls.set(caseId, await institutionBaseUrlOfCase(deps.db, deps.config, caseId));
  return items.flatMap((item): Reminder<K>[] => {
    const siteUrl = siteUrls.get(item.caseId) ?? deps.config.baseUrl;
    if (item.adviser) return [{ ...item, recipient: item.adviser, unassigned: false, siteUrl }];
    return coordinators
      .filter((c) => c.team_id === item.teamId)
      .map((c) => ({
        ...item,
        key: `${item.key}:coordinator:${c.id}`,
        recipient: { id: c.id, email: c.email, locale: c.locale },
        unassigned: true,
        siteUrl,
      }));
  });
}

/**
 * Sends each reminder exactly once: the key row is inserted ON CONFLICT DO NOTHING in the
 * same transaction as the mail and its audit event. A second process inserting the same key
 * waits for the first to commit and then finds it taken; if the first fails (no mail sent),
 * its transaction rolls back and the reminder is sent on a later run. Returns how many went out.
 */
export async function remindOnce<K extends string>(
  deps: Deps,
  items: DueItem<K>[],
  spec: ReminderSpec<K>,
): Promise<number> {
  return sendEach(await addressReminders(deps, items), (r) =>
    deps.db.transaction().execute(async (trx) => {
      if (
        !(await claimReminder(trx, {
          key: r.key,
          caseId: r.caseId,
          kind: r.kind,
          recipientId: r.recipient.id,
        }))
      )
        return false;
      await r.after?.(trx);
      await deps.mailer.send({
        to: r.recipient.email,
        ...spec.mail(translator(r.recipient.locale), r),
      });
      await recordAudit(trx, {
        type: spec.auditType,
        actor: { kind: 'system' },
        teamId: r.teamId,
        caseId: r.caseId,
        detail: {
          kind: r.kind,
          recipientId: r.recipient.id,
          dueOn: r.dueOn,
          ...(r.unassigned ? { unassigned: true } : {}),
        },
      });
      return true;
    }),
  );
}
