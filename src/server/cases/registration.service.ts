import type { Db } from '../db/create-db.js';
import type { Keyring } from '../crypto/keyring.js';
import { recordAudit, type AuditActor } from '../audit/audit.service.js';
import { AppError } from '../http/errors.js';
import type { SessionUser } from '../users/users.service.js';
import { recordAssignment } from './case-assignment.service.js';
import { canBeAssigned, inboxTeamIds } from './cases.policy.js';
import { CaseRuleError } from './case-rule-error.js';
import { listOfferedCategories } from '../admin/categories.service.js';
import { listOrgUnits } from '../admin/org-units.service.js';
import { createCase } from './cases.service.js';
import type { RegistrationInput } from './registration.schema.js';
import { loadCaseContext } from './case-context.js';

/**
 * Registers a report that reached staff by phone, e-mail, in person, online or by appointment,
 * possibly brought in by a third party (whose name is sealed with the case). The adviser the
 * reporter chose gets the case at once.
 */
export async function registerStaffReport(
  db: Db,
  keyring: Keyring,
  user: SessionUser,
  input: RegistrationInput,
  today: string,
) {
  if (!inboxTeamIds(user.memberships).includes(input.team)) throw new AppError('FORBIDDEN');
  return registerReport(db, keyring, input, today, {
    actor: { kind: 'user', userId: user.id },
    registeredBy: user.id,
  });
}

/** Who registers a report: a staff member, or a team's integration (an API token). */
export interface Registrar {
  actor: AuditActor;
  /** The staff member; absent for an integration, which may then not choose an adviser. */
  registeredBy?: string;
  /** Runs inside the registration's transaction (the API records its idempotency key there). */
  within?: (trx: Db, created: { id: string; reference: string }) => Promise<void>;
}

/**
 * The one registration path for a report that did not come through the web form, after the
 * caller has checked that the registrar may register for `input.team`: the team's categories,
 * the date, the chosen adviser, the sealed case with its deadlines and the audit events.
 */
export async function registerReport(
  db: Db,
  keyring: Keyring,
  input: RegistrationInput,
  today: string,
  by: Registrar,
) {
  if (input.receivedOn > today) throw new CaseRuleError('receivedOn', 'validation.date');
  const category = (await listOfferedCategories(db, input.team)).find(
    (c) => c.key === input.category,
  );
  if (!category) throw new CaseRuleError('category', 'validation.choose'); // not a category this team offers
  if (input.subtype && !category.subtypes.some((s) => s.key === input.subtype))
    throw new CaseRuleError('subtype', 'validation.subtype');
  if (input.preferredAdviserId && !by.registeredBy)
    throw new CaseRuleError('preferredAdviserId', 'cases.assign.notEligible');
  // The faculty or unit must be one of the team's (the taxonomy the intake and the annual report use).
  if (input.orgUnit && !(await listOrgUnits(db, input.team)).some((u) => u.key === input.orgUnit))
    throw new CaseRuleError('orgUnit', 'validation.choose');
  if (input.preferredAdviserId) {
    const ms = await db
      .selectFrom('team_membership')
      .select(['team_id', 'role'])
      .where('user_id', '=', input.preferredAdviserId)
      .execute();
    const facts = { teamId: input.team, assignedAdviserId: null };
    if (
      !canBeAssigned(
        input.preferredAdviserId,
        ms.map((m) => ({ teamId: m.team_id, teamKey: '', role: m.role })),
        facts,
      )
    ) {
      throw new CaseRuleError('preferredAdviserId', 'cases.assign.notEligible');
    }
  }
  const actor = by.actor;
  return db.transaction().execute(async (trx) => {
    const created = await createCase(
      trx,
      keyring,
      {
        teamId: input.team,
        source: 'staff',
        receivedOn: input.receivedOn,
        channel: input.channel,
        via: input.via,
        reporterRole: input.reporterRole,
        reporterGender: input.reporterGender,
        category: input.category,
        subtype: input.subtype,
        location: input.location,
        orgUnitKey: input.orgUnit,
        accusedRole: input.accusedRole,
        reporterGoal: input.goal,
        isAnonymous: input.anonymous === 'yes',
        narrative: input.narrative,
        reporter:
          input.anonymous === 'no'
            ? { name: input.name!, contact: input.contact ?? '' }
            : undefined,
        registeredBy: by.registeredBy,
        preferredAdviserId: input.preferredAdviserId,
      },
      actor,
    );
    if (input.intermediary) {
      const fresh = await loadCaseContext(trx, keyring, created.id, { kind: 'system' });
      await trx
        .insertInto('case_party')
        .values({
          case_id: created.id,
          party: 'intermediary',
          identity: fresh.seal(
            JSON.stringify({ name: input.intermediary, contact: '' }),
            'party:intermediary',
          ),
        })
        .execute();
    }
    if (input.preferredAdviserId) {
      await recordAssignment(trx, {
        caseId: created.id,
        adviserId: input.preferredAdviserId,
        by: by.registeredBy!,
      });
      await recordAudit(trx, {
        type: 'CASE_ASSIGNED',
        actor,
        teamId: input.team,
        caseId: created.id,
        detail: { adviserId: input.preferredAdviserId, previousAdviserId: null, hasReason: false },
      });
    }
    await by.within?.(trx, created);
    return created;
  });
}
