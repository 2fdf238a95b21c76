import type { Db } from '../db/create-db.js';
import type { Keyring } from '../crypto/keyring.js';
import { ROLES, type Role } from '../../domain/roles.js';
import { recordAudit } from '../audit/audit.service.js';
import { createCase } from '../cases/cases.service.js';
import { createUser } from '../users/users.service.js';
import { loadDemoHistory } from './demo-history.js';
import { loadDemoOrgUnits } from './demo-org-units.js';

export const DEMO_PASSWORD = 'demo-meldpunt-2026';
export const DEMO_DOMAIN = 'demo.meldpunt.invalid';

const NARRATIVES: [string, string, string, string][] = [
  [
    'sexual_violence',
    'verbal_online',
    'student',
    "Na een feest stuurt een medestudent steeds ongewenste berichten en foto's.",
  ],
  [
    'unprofessional_behaviour',
    '',
    'staff',
    'Een docent maakt in de werkgroep kleinerende opmerkingen over mijn accent.',
  ],
  [
    'stalking',
    '',
    'external',
    'Een onbekende wacht mij al weken op bij de bibliotheek en volgt mij naar huis.',
  ],
  [
    'worrying_behaviour',
    'suicidality_confusion',
    'student',
    'Ik maak me zorgen om een huisgenoot die zegt dat het leven geen zin meer heeft.',
  ],
  [
    'discrimination',
    '',
    'student',
    'Bij de indeling van projectgroepen word ik steeds buitengesloten vanwege mijn afkomst.',
  ],
  [
    'threat',
    'after_media_appearance',
    'external',
    'Sinds mijn interview op tv krijg ik dreigende berichten via sociale media.',
  ],
];

/**
 * A realistic demo installation: a staff team beside the students' team, one account per
 * role (the e-mail address says the role), the students' team's faculties, a handful of
 * reports this year and the published figures for the two years before. Runs once.
 */
export async function loadDemoData(
  db: Db,
  keyring: Keyring,
): Promise<{ password: string; emails: string[] } | undefined> {
  const accounts = await loadDemoAccountsAndCases(db, keyring);
  const students = await db
    .selectFrom('team')
    .select('id')
    .orderBy('seq')
    .limit(1)
    .executeTakeFirstOrThrow();
  await loadDemoOrgUnits(db, students.id);
  await loadDemoHistory(db, keyring, new Date().getUTCFullYear());
  return accounts;
}

async function loadDemoAccountsAndCases(
  db: Db,
  keyring: Keyring,
): Promise<{ password: string; emails: string[] }> {
  return db.transaction().execute(async (trx) => {
    const done = await trx
      .selectFrom('app_user')
      .select('id')
      .where('email', 'like', `%@${DEMO_DOMAIN}`)
      .limit(1)
      .executeTakeFirst();
    if (done) return { password: DEMO_PASSWORD, emails: demoEmails() };
    const students = await trx
      .selectFrom('team')
      .select(['id', 'institution_id'])
      .orderBy('seq')
      .limit(1)
      .executeTakeFirstOrThrow();
    const staff = await trx
      .insertInto('team')
      .values({
        institution_id: students.institution_id,
        key: 'staff',
        name_nl: 'Centraal Contactpunt medewerkers',
        name_en: 'Central Contact Point for staff',
      })
      .onConflict((oc) => oc.column('key').doNothing())
      .returning('id')
      .executeTakeFirst();
    if (staff)
      await recordAudit(trx, {
        type: 'TEAM_CREATED',
        actor: { kind: 'system' },
        teamId: staff.id,
        detail: { key: 'staff' },
      });
    const users: Partial<Record<Role, string>> = {};
    for (const role of ROLES) {
      users[role] = await createUser(
        trx,
        {
          email: `${role}@${DEMO_DOMAIN}`,
          displayName: demoName(role),
          password: DEMO_PASSWORD,
          memberships: [{ teamId: students.id, role }],
        },
        { kind: 'system' },
      );
    }
    if (staff) {
      await createUser(
        trx,
        {
          email: `staff_adviser@${DEMO_DOMAIN}`,
          displayName: 'Sam de Vries',
          password: DEMO_PASSWORD,
          memberships: [{ teamId: staff.id, role: 'confidential_adviser' }],
        },
        { kind: 'system' },
      );
    }
    const year = new Date().getUTCFullYear();
    for (const [i, [category, subtype, accusedRole, narrative]] of NARRATIVES.entries()) {
      await createCase(
        trx,
        keyring,
        {
          teamId: students.id,
          source: 'intake',
          receivedOn: `${year}-0${1 + i}-1${i}`,
          channel: 'web_form',
          via: 'self',
          reporterRole: category === 'threat' ? 'staff' : 'student', // the scientist threatened after a TV interview is staff (issue 21's journey)
          reporterGender: 'not_stated',
          category,
          subtype: subtype || undefined,
          location: i % 2 ? 'campus' : 'online',
          accusedRole,
          reporterGoal: i % 2 ? 'advice' : 'action',
          isAnonymous: i % 3 === 0,
          narrative,
          reporter:
            i % 3 === 0
              ? undefined
              : { name: `Demo-melder ${i + 1}`, contact: `melder${i + 1}@${DEMO_DOMAIN}` },
        },
        { kind: 'system' },
      );
    }
    return { password: DEMO_PASSWORD, emails: demoEmails() };
  });
}

function demoEmails(): string[] {
  return [...ROLES.map((r) => `${r}@${DEMO_DOMAIN}`), `staff_adviser@${DEMO_DOMAIN}`];
}

function demoName(role: Role): string {
  const names: Record<Role, string> = {
    confidential_adviser: 'Anna Jansen',
    safety_coordinator: 'Bram Visser',
    ombudsperson: 'Chris Bakker',
    support_officer: 'Dana Smit',
    expert_team_member: 'Eva Mulder',
    board: 'Frank de Boer',
    partner_service: 'Gina Peters',
    administrator: 'Hugo Dekker',
  };
  return names[role];
}
