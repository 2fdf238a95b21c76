import { expect } from 'vitest';
import type { Hono } from 'hono';
import type { AppEnv } from '../../src/server/http/env.js';
import type { Deps } from '../../src/server/bootstrap.js';
import { createUser } from '../../src/server/users/users.service.js';
import { TestClient } from './http-client.js';
import { PASSWORD } from './factories.js';

/** Issue 22: several institutions on one installation, each on its own host name (MELDPUNT_TENANCY=host). */

/** A browser on one host name: every request carries that Host header. */
export class HostClient extends TestClient {
  constructor(
    app: Hono<AppEnv>,
    public host: string,
    lang: 'nl' | 'en' = 'en',
  ) {
    super(app, lang);
  }
  override send(path: string, init: RequestInit & { headers?: Record<string, string> }) {
    const headers: Record<string, string> = {
      ...(init.headers as Record<string, string> | undefined),
      host: this.host,
    };
    return super.send(path, { ...init, headers });
  }
}

export interface Institution {
  id: string;
  key: string;
  teamId: string;
  teamKey: string;
  teamName: string;
  host: string;
}

/** An institution on its own host with one team (`KEY-team`). */
export async function addInstitution(
  deps: Deps,
  key: string,
  host: string,
  teamName: string,
  colour: string | null = null,
): Promise<Institution> {
  const inst = await deps.db
    .insertInto('institution')
    .values({ key, name: `Universiteit ${key}`, host, colour_primary: colour })
    .returning('id')
    .executeTakeFirstOrThrow();
  const team = await deps.db
    .insertInto('team')
    .values({ institution_id: inst.id, key: `${key}-team`, name_nl: teamName, name_en: teamName })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: inst.id, key, teamId: team.id, teamKey: `${key}-team`, teamName, host };
}

/** A staff member signed in with the password on a host. */
export async function signedInOn(app: Hono<AppEnv>, host: string, email: string) {
  const client = new HostClient(app, host);
  expect((await client.signIn(email, PASSWORD)).status).toBe(303);
  return client;
}

/** A platform operator account (no institution, no team role); returns its e-mail address. */
export async function createPlatformOperator(deps: Deps): Promise<{ id: string; email: string }> {
  const email = `operator-${Date.now()}-${Math.random().toString(36).slice(2, 8)}@platform.test`;
  const id = await deps.db.transaction().execute((trx) =>
    createUser(
      trx,
      {
        email,
        displayName: 'Operator',
        password: PASSWORD,
        memberships: [],
        platformOperator: true,
      },
      { kind: 'system' },
    ),
  );
  return { id, email };
}
