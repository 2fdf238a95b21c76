import type { ColumnType, Generated } from 'kysely';

/** Kysely's view of the tables in migrations/. */

type CreatedAt = ColumnType<Date, Date | undefined, Date>;

export interface InstitutionTable {
  id: Generated<string>;
  key: string;
  name: string;
  created_at: CreatedAt;
}

export interface TeamTable {
  id: Generated<string>;
  seq: Generated<number>;
  institution_id: string;
  key: string;
  name_nl: string;
  name_en: string;
  ack_days: Generated<number>;
  feedback_days: Generated<number>;
  retention_months: Generated<number>;
  case_counter: Generated<number>;
  created_at: CreatedAt;
}

export interface OrgUnitTable {
  id: Generated<string>;
  team_id: string;
  key: string;
  label_nl: string;
  label_en: string;
}

export interface AppUserTable {
  id: Generated<string>;
  email: string;
  display_name: string;
  password_hash: string | null;
  locale: Generated<'nl' | 'en'>;
  is_active: Generated<boolean>;
  created_at: CreatedAt;
}

export interface TeamMembershipTable {
  user_id: string;
  team_id: string;
  role: string;
}

export interface SessionTable {
  id_hash: Buffer;
  user_id: string;
  created_at: CreatedAt;
  last_seen_at: CreatedAt;
  expires_at: Date;
}

export interface SetupTokenTable {
  token_hash: Buffer;
  purpose: 'first_admin' | 'invite';
  team_id: string | null;
  role: string | null;
  email: string | null;
  expires_at: Date;
  used_at: Date | null;
}

export interface ThrottleTable {
  key: string;
  failures: number;
  window_started_at: Date;
}

export interface CaseTable {
  id: Generated<string>;
  team_id: string;
  reference: string;
  source: 'intake' | 'staff' | 'import';
  received_on: string;
  channel: string;
  via: string;
  reporter_role: string;
  reporter_gender: string;
  org_unit_key: string | null;
  category: string;
  subtype: string | null;
  location: Generated<string>;
  accused_role: string;
  reporter_goal: string | null;
  status: Generated<string>;
  follow_up: string | null;
  closed_on: string | null;
  is_anonymous: Generated<boolean>;
  is_urgent: Generated<boolean>;
  form_version: string | null;
  receipt_hash: Buffer | null;
  idempotency_key: string | null;
  assigned_adviser_id: string | null;
  ack_due_on: string | null;
  feedback_due_on: string | null;
  summary: Buffer | null;
  created_at: CreatedAt;
  updated_at: CreatedAt;
}

export interface CaseKeyTable {
  case_id: string;
  master_key_id: string;
  wrapped_key: Buffer;
}

export interface CasePartyTable {
  id: Generated<string>;
  case_id: string;
  party: 'reporter' | 'accused';
  identity: Buffer;
}

export interface PartnerCountTable {
  id: Generated<string>;
  team_id: string;
  year: number;
  service: string;
  category: string | null;
  count: number;
}

export interface AuditEventTable {
  id: Generated<number>;
  occurred_at: CreatedAt;
  type: string;
  actor_kind: 'user' | 'reporter' | 'system' | 'cli';
  actor_user_id: string | null;
  team_id: string | null;
  case_id: string | null;
  detail: ColumnType<Record<string, unknown>, string, string>;
  prev_hash: Buffer;
  hash: Buffer;
}

export interface JobLeaseTable {
  name: string;
  locked_until: Date;
  last_run_at: Date | null;
}

export interface Database {
  job_lease: JobLeaseTable;
  institution: InstitutionTable;
  team: TeamTable;
  org_unit: OrgUnitTable;
  app_user: AppUserTable;
  team_membership: TeamMembershipTable;
  session: SessionTable;
  setup_token: SetupTokenTable;
  throttle: ThrottleTable;
  case: CaseTable;
  case_key: CaseKeyTable;
  case_party: CasePartyTable;
  partner_count: PartnerCountTable;
  audit_event: AuditEventTable;
}
