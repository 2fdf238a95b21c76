import crypto from 'node:crypto';
import type { Db } from '../db/create-db.js';
import type { Keyring } from '../crypto/keyring.js';
import { keyedHash } from '../crypto/seal.js';
import { recordAudit, type AuditActor } from '../audit/audit.service.js';
import { AppError } from '../http/errors.js';
import { getCaseSealer, type CaseSealer } from '../mailbox/case-key.js';
import type { APPOINTMENT_MODES } from './appointments.schema.js';
import { buildIcs } from './ics.js';
import { RuleError } from '../http/rule-error.js';
import {
  findOfferedLocation,
  listLocations,
  locationLine,
  type MeetingLocation,
} from './locations.service.js';

type Mode = (typeof APPOINTMENT_MODES)[number];

export interface AppointmentEntry {
  id: string;
  mode: Mode;
  proposedSlots: Date[];
  status: 'requested' | 'confirmed';
  startsAt: Date | null;
  durationMinutes: number;
  details?: string;
  /** Where the reporter asked to meet (a retired location is still shown). */
  location?: MeetingLocation;
}

export async function requestAppointment(
  db: Db,
  sealer: CaseSealer,
  input: { mode: Mode; slots: Date[]; location?: string | undefined },
  actor: AuditActor,
): Promise<string> {
  // A phone call has no place; any other mode needs one of the team's current locations.
  const location =
    input.mode === 'phone' || !input.location
      ? undefined
      : await findOfferedLocation(db, sealer.teamId, input.location);
  if (input.mode !== 'phone' && !location)
    throw new RuleError('location', 'validation.unknownLocation');
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('appointment')
      .values({
        case_id: sealer.caseId,
        mode: input.mode,
        proposed_slots: input.slots,
        location_key: location?.key ?? null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(trx, {
      type: 'APPOINTMENT_REQUESTED',
      actor,
      teamId: sealer.teamId,
      caseId: sealer.caseId,
      detail: { appointmentId: row.id, mode: input.mode, location: location?.key ?? null },
    });
    return row.id;
  });
}

export async function listAppointments(db: Db, sealer: CaseSealer): Promise<AppointmentEntry[]> {
  const rows = await db
    .selectFrom('appointment')
    .selectAll()
    .where('case_id', '=', sealer.caseId)
    .orderBy('created_at')
    .execute();
  const places = rows.some((r) => r.location_key)
    ? await listLocations(db, sealer.teamId, { includeInactive: true })
    : [];
  return rows.map((r) => ({
    id: r.id,
    mode: r.mode,
    proposedSlots: r.proposed_slots,
    status: r.status,
    startsAt: r.starts_at,
    durationMinutes: r.duration_minutes,
    details: r.details ? sealer.openText(r.details, 'appointment-details') : undefined,
    location: places.find((l) => l.key === r.location_key),
  }));
}

/**
 * The adviser confirms one of the proposed times, with where or how (room, meeting link,
 * phone arrangement). Returns a fresh capability token for the calendar file.
 */
export async function confirmAppointment(
  db: Db,
  keyring: Keyring,
  sealer: CaseSealer,
  userId: string,
  appointmentId: string,
  input: { slot: number; details: string },
): Promise<string> {
  const token = crypto.randomBytes(24).toString('base64url');
  await db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('appointment')
      .select(['proposed_slots'])
      .where('id', '=', appointmentId)
      .where('case_id', '=', sealer.caseId)
      .where('status', '=', 'requested')
      .forUpdate()
      .executeTakeFirst();
    const startsAt = row?.proposed_slots[input.slot];
    if (!row || !startsAt) throw new AppError('NOT_FOUND');
    await trx
      .updateTable('appointment')
      .set({
        status: 'confirmed',
        starts_at: startsAt,
        details: sealer.seal(input.details, 'appointment-details'),
        confirmed_by: userId,
        confirmed_at: new Date(),
        ics_token_hash: keyedHash(keyring, 'ics', token),
      })
      .where('id', '=', appointmentId)
      .execute();
    await recordAudit(trx, {
      type: 'APPOINTMENT_CONFIRMED',
      actor: { kind: 'user', userId },
      teamId: sealer.teamId,
      caseId: sealer.caseId,
      detail: { appointmentId },
    });
  });
  return token;
}

const SUMMARY = 'Gesprek meldpunt sociale veiligheid / Conversation, social safety reporting point';

type IcsRow = {
  id: string;
  starts_at: Date | null;
  duration_minutes: number;
  confirmed_at: Date | null;
  location_key: string | null;
  details: Buffer | null;
};

/**
 * LOCATION: the chosen place (its name and address in the reader's language), then what the
 * adviser added on confirming (room, meeting link, phone arrangement).
 */
async function locationOf(
  db: Db,
  sealer: CaseSealer,
  row: IcsRow,
  lang: 'nl' | 'en',
): Promise<string | undefined> {
  const place = row.location_key
    ? (await listLocations(db, sealer.teamId, { includeInactive: true })).find(
        (l) => l.key === row.location_key,
      )
    : undefined;
  const details = row.details ? sealer.openText(row.details, 'appointment-details') : undefined;
  const parts = [place ? locationLine(place, lang) : undefined, details].filter(Boolean);
  return parts.length ? parts.join(' — ') : undefined;
}

function icsOf(row: IcsRow, location: string | undefined): string {
  return buildIcs({
    uid: `${row.id}@meldpunt`,
    start: row.starts_at!,
    durationMinutes: row.duration_minutes,
    summary: SUMMARY,
    location,
    stamp: row.confirmed_at ?? new Date(),
  });
}

/** The calendar file behind the link in the notice e-mail. */
export async function getIcsByToken(
  db: Db,
  keyring: Keyring,
  token: string,
  lang: 'nl' | 'en' = 'nl',
): Promise<string> {
  const row = /^[A-Za-z0-9_-]{32}$/.test(token)
    ? await db
        .selectFrom('appointment')
        .selectAll()
        .where('ics_token_hash', '=', keyedHash(keyring, 'ics', token))
        .where('status', '=', 'confirmed')
        .executeTakeFirst()
    : undefined;
  if (!row) throw new AppError('NOT_FOUND');
  const sealer = await getCaseSealer(db, keyring, row.case_id);
  return icsOf(row, await locationOf(db, sealer, row, lang));
}

/** The calendar file from inside the mailbox or the case. */
export async function getIcsForCase(
  db: Db,
  sealer: CaseSealer,
  appointmentId: string,
  lang: 'nl' | 'en' = 'nl',
): Promise<string> {
  const row = /^[0-9a-f-]{36}$/.test(appointmentId)
    ? await db
        .selectFrom('appointment')
        .selectAll()
        .where('id', '=', appointmentId)
        .where('case_id', '=', sealer.caseId)
        .where('status', '=', 'confirmed')
        .executeTakeFirst()
    : undefined;
  if (!row) throw new AppError('NOT_FOUND');
  return icsOf(row, await locationOf(db, sealer, row, lang));
}
