import crypto from 'node:crypto';
import type { Insertable } from 'kysely';
import type { Db } from '../db/create-db.js';
import type { CaseKey as CaseKeyTable, Case as CaseTable } from '../db/schema.js';
import type { Keyring } from '../crypto/keyring.js';
import { createDataKey, seal, type InstitutionKey } from '../crypto/seal.js';
import { teamInstitutionKey } from '../keys/institution-keys.js';
import { caseAad } from '../crypto/case-key.js';
import { recordAudit } from '../audit/audit.service.js';
import { findTeam, type Team } from '../teams/teams.service.js';
import { initialDeadlines, isoDate, nextDueOn } from '../deadlines/deadline-rules.js';
import { ImportError, parseCsvTable, rowError, type CsvRow } from './csv-table.js';
import { CASE_COLUMNS, CaseImportRow, describeIssue } from './case-import.schema.js';
import {
  createMissingOrgUnits,
  insertCases,
  listTakenReferences,
  reserveCaseNumbers,
} from './case-import.queries.js';

interface ValidRow extends CsvRow {
  data: CaseImportRow;
}

/**
 * Imports historical cases from CSV (contracts.md), all or nothing: every row is validated
 * before anything is written, and everything is written in one transaction.
 */
export async function importCases(
  db: Db,
  keyring: Keyring,
  input: { text: string; teamKey?: string; today?: string },
): Promise<{ imported: number; orgUnitsCreated: number }> {
  const today = input.today ?? isoDate(new Date());
  const rows = validateRows(parseCsvTable(input.text, CASE_COLUMNS));
  return db.transaction().execute(async (trx) => {
    const team = await findTeam(trx, input.teamKey);
    if (!team)
      throw new ImportError(
        input.teamKey ? `unknown team: ${input.teamKey}` : 'no team exists yet',
      );
    const given = rows.filter((r) => r.data.reference);
    const taken = await listTakenReferences(
      trx,
      team.id,
      given.map((r) => r.data.reference!),
    );
    const clash = given.find((r) => taken.has(r.data.reference!));
    if (clash)
      throw rowError(
        clash,
        `reference "${clash.data.reference}" already exists in team ${team.key}`,
      );
    const references = await generateReferences(
      trx,
      team.id,
      rows,
      new Set(given.map((r) => r.data.reference!)),
    );
    const orgKeys = [...new Set(rows.map((r) => r.data.org_unit).filter((k): k is string => !!k))];
    const orgUnitsCreated = await createMissingOrgUnits(trx, team.id, orgKeys);
    const cases: Insertable<CaseTable>[] = [];
    const keys: Insertable<CaseKeyTable>[] = [];
    const wrapping = await teamInstitutionKey(trx, keyring, team.id);
    rows.forEach((r, i) => {
      const built = buildCase(keyring, wrapping, team, references[i]!, r.data, today);
      cases.push(built.row);
      keys.push(built.key);
    });
    await insertCases(trx, cases, keys);
    await recordAudit(trx, {
      type: 'CASES_IMPORTED',
      actor: { kind: 'cli' },
      teamId: team.id,
      detail: {
        count: cases.length,
        withSummary: cases.filter((c) => c.summary).length,
        orgUnitsCreated,
      },
    });
    return { imported: cases.length, orgUnitsCreated };
  });
}

function validateRows(rows: CsvRow[]): ValidRow[] {
  const seen = new Map<string, number>();
  return rows.map((r) => {
    const parsed = CaseImportRow.safeParse(r.values);
    if (!parsed.success) throw rowError(r, describeIssue(parsed.error));
    const ref = parsed.data.reference;
    if (ref) {
      const first = seen.get(ref);
      if (first !== undefined)
        throw rowError(r, `reference "${ref}" is used twice in the file (also row ${first})`);
      seen.set(ref, r.row);
    }
    return { ...r, data: parsed.data };
  });
}

/** The given reference, or a new one "I<year>-<number>" from the team's counter, unique in the team. */
async function generateReferences(
  trx: Db,
  teamId: string,
  rows: ValidRow[],
  inFile: Set<string>,
): Promise<string[]> {
  const out = rows.map((r) => r.data.reference);
  let missing = out.flatMap((ref, i) => (ref ? [] : [i]));
  while (missing.length > 0) {
    let next = await reserveCaseNumbers(trx, teamId, missing.length);
    for (const i of missing)
      out[i] = `I${rows[i]!.data.received_on.slice(0, 4)}-${String(next++).padStart(4, '0')}`;
    const candidates = missing.map((i) => out[i]!);
    const taken = await listTakenReferences(trx, teamId, candidates);
    missing = missing.filter((i) => taken.has(out[i]!) || inFile.has(out[i]!));
  }
  return out as string[];
}

/**
 * An imported open case keeps only the deadlines still ahead on the day of the import: whether
 * a term that had already run out was kept is the earlier system's knowledge, not ours, so no
 * overdue reminder goes out for it.
 */
function importedDeadlines(d: CaseImportRow, team: Team, status: string, today: string) {
  const { ackDueOn, feedbackDueOn } = initialDeadlines(d.received_on, team, status);
  const ahead = (due: string) => (due >= today ? due : null);
  const facts = {
    status,
    ackDueOn: ahead(ackDueOn),
    acknowledgedOn: null,
    feedbackDueOn: ahead(feedbackDueOn),
    feedbackGivenOn: null,
  };
  return {
    ackDueOn: facts.ackDueOn,
    feedbackDueOn: facts.feedbackDueOn,
    nextDueOn: nextDueOn(facts),
  };
}

function buildCase(
  keyring: Keyring,
  wrapping: InstitutionKey,
  team: Team,
  reference: string,
  d: CaseImportRow,
  today: string,
) {
  const id = crypto.randomUUID();
  const status = d.closed_on ? 'closed' : 'received';
  const deadlines = importedDeadlines(d, team, status, today);
  // Every case gets its data key, also without a summary: staff may add notes and files later.
  const dataKey = createDataKey(keyring, id, wrapping);
  const key: Insertable<CaseKeyTable> = {
    case_id: id,
    master_key_id: dataKey.masterKeyId,
    wrapped_key: dataKey.wrappedKey,
  };
  const summary = d.summary ? seal(dataKey.dataKey, d.summary, caseAad(id, 'summary')) : null;
  const row: Insertable<CaseTable> = {
    id,
    team_id: team.id,
    reference,
    source: 'import',
    received_on: d.received_on,
    channel: d.channel,
    via: d.via,
    reporter_role: d.reporter_role,
    reporter_gender: d.reporter_gender,
    org_unit_key: d.org_unit ?? null,
    category: d.category,
    subtype: d.subtype ?? null,
    location: d.location ?? 'unknown',
    accused_role: d.accused_role,
    follow_up: d.follow_up ?? null,
    closed_on: d.closed_on ?? null,
    is_anonymous: d.anonymous === 'true',
    status,
    ack_due_on: deadlines.ackDueOn,
    feedback_due_on: deadlines.feedbackDueOn,
    next_due_on: deadlines.nextDueOn,
    summary,
  };
  return { row, key };
}
