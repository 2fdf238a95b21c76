import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateSchema, SCHEMA_FILE } from '../scripts/db-types.js';
import { freshDatabase, type FreshDatabase } from './support/database.js';

// src/server/db/schema.ts is generated from the migrated database (npm run db:types): this fails
// when a migration changed the tables and the checked-in file was not regenerated.
describe('generated database types', () => {
  let database: FreshDatabase;
  beforeAll(async () => {
    database = await freshDatabase();
  });
  afterAll(() => database.drop());

  it('schema.ts is what npm run db:types makes of the migrated database', async () => {
    const generated = await generateSchema(database.url);
    expect(
      readFileSync(SCHEMA_FILE, 'utf8'),
      'src/server/db/schema.ts is out of date: run npm run db:types',
    ).toBe(generated);
  });

  it('gives enumerated columns their values as a union (hand-written expectation)', () => {
    const text = readFileSync(SCHEMA_FILE, 'utf8');
    const membership = /export interface TeamMembership \{[^}]*\}/.exec(text)?.[0] ?? '';
    expect(membership).toContain(
      'role: "confidential_adviser" | "safety_coordinator" | "ombudsperson" | "support_officer" | "expert_team_member" | "board" | "partner_service" | "administrator";',
    );
    const session = /export interface Session \{[^}]*\}/.exec(text)?.[0] ?? '';
    expect(session).toContain(
      'mfa_state: Generated<"complete" | "pending_code" | "pending_enrol">;',
    );
  });
});
