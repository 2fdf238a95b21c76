import type { Deps } from '../../src/server/bootstrap.js';
import type { Role } from '../../src/domain/roles.js';
import { createUser } from '../../src/server/users/users.service.js';
import { recordAudit } from '../../src/server/audit/audit.service.js';

export const PASSWORD = 'correct horse battery staple';
let counter = 0;

export async function createTeam(deps: Deps, key: string): Promise<string> {
  return deps.db.transaction().execute(async (trx) => {
    const institution = await trx
      .selectFrom('institution')
      .select('id')
      .limit(1)
      .executeTakeFirstOrThrow();
    const team = await trx
      .insertInto('team')
      .values({
        institution_id: institution.id,
        key,
        name_nl: `Team ${key}`,
        name_en: `Team ${key}`,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(trx, {
      type: 'TEAM_CREATED',
      actor: { kind: 'system' },
      teamId: team.id,
      detail: { key },
    });
    return team.id;
  });
}

export async function defaultTeamId(deps: Deps): Promise<string> {
  const team = await deps.db
    .selectFrom('team')
    .select('id')
    .orderBy('seq')
    .limit(1)
    .executeTakeFirstOrThrow();
  return team.id;
}

/** A staff user with the given roles in one team; returns id and e-mail. */
export async function createStaff(deps: Deps, teamId: string, roles: Role[], name = 'Test User') {
  const email = `user${++counter}-${Date.now()}@example.test`;
  const id = await deps.db.transaction().execute((trx) =>
    createUser(
      trx,
      {
        email,
        displayName: name,
        password: PASSWORD,
        memberships: roles.map((role) => ({ teamId, role })),
      },
      { kind: 'system' },
    ),
  );
  return { id, email };
}
