import type { ColumnType, Generated } from 'kysely';

/** Kysely's view of the tables in migrations/. */

type CreatedAt = ColumnType<Date, Date | undefined, Date>;

export interface InstitutionTable {
  id: Generated<string>;
  key: string;
  name: string;
  created_at: CreatedAt;
  require_two_factor: Generated<boolean>;
  /** The operator's switch against a real attack (decision 025). */
  intake_mode: Generated<'open' | 'proof_required' | 'closed'>;
  proof_cost: number | null;
  contact_text: string | null;
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
  reminder_lead_days: Generated<number>;
  pattern_threshold: Generated<number>;
  urgent_escalation_minutes: Generated<number>;
  /** Board view: counts below this are shown as "< n" (issue 7). */
  suppression_threshold: Generated<number>;
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
  id: Generated<string>;
  mfa_state: Generated<'complete' | 'pending_code' | 'pending_enrol'>;
}

export interface SetupTokenTable {
  token_hash: Buffer;
  purpose: 'first_admin' | 'invite';
  team_id: string | null;
  role: string | null;
  email: string | null;
  expires_at: Date;
  used_at: Date | null;
  locale: 'nl' | 'en' | null;
  display_name: string | null;
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
  intake_key_hash: Buffer | null;
  receipt_sealed: Buffer | null;
  assigned_adviser_id: string | null;
  ack_due_on: string | null;
  feedback_due_on: string | null;
  summary: Buffer | null;
  created_at: CreatedAt;
  updated_at: CreatedAt;
  registered_by: string | null;
  preferred_adviser_id: string | null;
  support_for_case_id: string | null;
  acknowledged_on: string | null;
  feedback_given_on: string | null;
  next_due_on: string | null;
  aftercare_every_weeks: number | null;
  next_checkin_on: string | null;
  retention_hold: Generated<boolean>;
  erased_at: Date | null;
  /** Sealed: when it happened, 'YYYY-MM-DD' or 'YYYY-MM' (intake question pages). */
  happened: Buffer | null;
  preferred_channel: string | null;
  /** The intake's answer to "on whose behalf" (self, colleague, manager, association, bystander). */
  behalf: string | null;
}

export interface CaseKeyTable {
  case_id: string;
  master_key_id: string;
  wrapped_key: Buffer;
}

export interface CasePartyTable {
  id: Generated<string>;
  case_id: string;
  party: 'reporter' | 'accused' | 'intermediary';
  identity: Buffer;
}

export interface PartnerCountTable {
  id: Generated<string>;
  team_id: string;
  year: number;
  service: string;
  category: string | null;
  count: number;
  /** 'year', 'q1'–'q4' or 'm01'–'m12' (issue 7). */
  period: Generated<string>;
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

// Reporter's side (migration 20261123T140000). Bytea columns are sealed with the case key.
export interface ReporterSessionTable {
  id_hash: Buffer;
  case_id: string;
  created_at: CreatedAt;
  expires_at: Date;
}

export interface CaseMessageTable {
  id: Generated<string>;
  case_id: string;
  author: 'reporter' | 'adviser' | 'system';
  author_user_id: string | null;
  body: Buffer;
  created_at: CreatedAt;
}

export interface CaseAttachmentTable {
  id: Generated<string>;
  case_id: string;
  message_id: string | null;
  uploaded_by: 'reporter' | 'adviser';
  media_type: 'image/jpeg' | 'image/png' | 'application/pdf';
  size_bytes: number;
  file_name: Buffer;
  content: Buffer;
  created_at: CreatedAt;
  /** A document on the case record: the team's only, never shown in the reporter's mailbox. */
  staff_only: Generated<boolean>;
  uploaded_by_user_id: string | null;
}

export interface CaseMinutesTable {
  id: Generated<string>;
  case_id: string;
  author_user_id: string;
  conversation_on: string;
  body: Buffer;
  status: Generated<'pending' | 'approved' | 'correction_requested'>;
  correction: Buffer | null;
  created_at: CreatedAt;
  responded_at: Date | null;
}

export interface ReporterNotificationTable {
  case_id: string;
  email: Buffer;
  updated_at: CreatedAt;
}

export interface AppointmentTable {
  id: Generated<string>;
  case_id: string;
  mode: 'in_person' | 'online_meeting' | 'phone';
  proposed_slots: Date[];
  status: Generated<'requested' | 'confirmed'>;
  starts_at: Date | null;
  duration_minutes: Generated<number>;
  details: Buffer | null;
  confirmed_by: string | null;
  ics_token_hash: Buffer | null;
  created_at: CreatedAt;
  confirmed_at: Date | null;
}

/* Case handling (issue 4). Buffers are sealed with the case's data key. */
export interface CaseAssignmentTable {
  id: Generated<string>;
  case_id: string;
  adviser_id: string;
  assigned_by: string;
  reason: Buffer | null;
  assigned_at: CreatedAt;
}

export interface CaseConflictTable {
  case_id: string;
  user_id: string;
  declared_at: CreatedAt;
}

export interface CaseContactTable {
  id: Generated<string>;
  case_id: string;
  occurred_on: string;
  channel: string;
  participants: Buffer;
  notes: Buffer;
  is_feedback: Generated<boolean>;
  recorded_by: string;
  created_at: CreatedAt;
}

export interface CaseTaskTable {
  id: Generated<string>;
  case_id: string;
  title: Buffer;
  due_on: string;
  done_at: Date | null;
  created_by: string;
  created_at: CreatedAt;
}

export interface CaseLinkTable {
  case_id: string;
  linked_case_id: string;
  created_by: string;
  created_at: CreatedAt;
}

export interface CaseStatusChangeTable {
  id: Generated<string>;
  case_id: string;
  from_status: string;
  to_status: string;
  reason: Buffer | null;
  changed_by: string;
  changed_at: CreatedAt;
}

export interface DeadlineReminderTable {
  key: string;
  case_id: string | null;
  kind: string;
  recipient_id: string;
  sent_at: CreatedAt;
}

// Administration and integration (issue 9).
export interface CategoryVersionTable {
  id: Generated<string>;
  team_id: string;
  key: string;
  version: number;
  valid_from: CreatedAt;
  label_nl: string;
  label_en: string;
  definition_nl: string;
  definition_en: string;
  subtypes: ColumnType<{ key: string; label_nl: string; label_en: string }[], string, string>;
  is_retired: Generated<boolean>;
  sort: Generated<number>;
  /** Where the definition comes from, printed in the annual report's appendix (issue 20). */
  source: string | null;
}

export interface ReferralPartnerTable {
  id: Generated<string>;
  team_id: string;
  key: string;
  kind: 'internal' | 'external';
  name_nl: string;
  name_en: string;
  phone: string | null;
  url: string | null;
  is_active: Generated<boolean>;
  sort: Generated<number>;
}

export interface GuideContentTable {
  team_id: string;
  lang: 'nl' | 'en';
  body: string;
  updated_at: CreatedAt;
}

export interface AdviserProfileTable {
  user_id: string;
  team_id: string;
  languages: string;
  locations: string;
  intro_nl: string;
  intro_en: string;
  is_visible: Generated<boolean>;
}

export interface ApiTokenTable {
  id: Generated<string>;
  team_id: string;
  name: string;
  token_hash: Buffer;
  scopes: string;
  created_at: CreatedAt;
  revoked_at: Date | null;
}

/** A sealed intake draft waiting while its reporter verifies at the IdP (issue 9); minutes only. */
export interface IntakeVerificationTable {
  id_hash: Buffer;
  draft: string;
  identity: string | null;
  expires_at: Date;
}

export interface SsoIdentityTable {
  provider: string;
  subject: string;
  user_id: string;
  created_at: CreatedAt;
}

// Issue 6 (migration 20261123T160000): consent ledger, identity access, two-factor, retention.
export interface ConsentGrantTable {
  id: Generated<string>;
  case_id: string;
  info: string;
  recipient_kind: 'role' | 'person' | 'partner';
  recipient: string;
  purpose: string;
  obtained_via: string;
  note: Buffer | null;
  recorded_by: string | null;
  granted_at: CreatedAt;
  withdrawn_at: Date | null;
  withdrawn_by: string | null;
  withdrawn_via: string | null;
}

export interface ConsentOverrideTable {
  id: Generated<string>;
  case_id: string;
  info: string;
  recipient_kind: 'role' | 'person' | 'partner';
  recipient: string;
  purpose: string;
  reason: Buffer;
  recorded_by: string;
  recorded_at: CreatedAt;
  expires_at: Date;
}

export interface IdentityAccessTable {
  case_id: string;
  user_id: string;
  granted_by: string;
  granted_at: CreatedAt;
}

export interface UserTotpTable {
  user_id: string;
  master_key_id: string;
  secret: Buffer;
  confirmed_at: Date | null;
  last_step: Generated<number>;
}

export interface RecoveryCodeTable {
  user_id: string;
  code_hash: Buffer;
  used_at: Date | null;
}

export interface WebauthnCredentialTable {
  id: Generated<string>;
  user_id: string;
  credential_id: string;
  public_key: Buffer;
  counter: ColumnType<string, number | undefined, number>;
  created_at: CreatedAt;
  last_used_at: Date | null;
}

export interface WebauthnChallengeTable {
  challenge: string;
  user_id: string;
  purpose: 'register' | 'authenticate';
  expires_at: Date;
}

/** A forgotten-password link: the SHA-256 of its token only; valid one hour, used once (account recovery). */
export interface PasswordResetTokenTable {
  token_hash: Buffer;
  user_id: string;
  created_at: CreatedAt;
  expires_at: Date;
  used_at: Date | null;
}

export interface DeletionLogTable {
  id: Generated<number>;
  case_id: string;
  team_id: string;
  reference: string;
  closed_on: string | null;
  erased_at: Date;
  reason: string;
  detail: ColumnType<Record<string, unknown>, string, string>;
}

// issue 5: risk, plan, escalation, referrals, police, threats, expert team, MDO
export interface RiskAssessmentTable {
  id: Generated<string>;
  case_id: string;
  level: 'low' | 'medium' | 'high' | 'acute';
  computed_level: 'low' | 'medium' | 'high' | 'acute';
  answers: Buffer;
  reasoning: Buffer;
  reassess_on: string | null;
  reminder_sent_at: Date | null;
  assessed_by: string;
  assessed_at: CreatedAt;
}

export interface PlanStepTable {
  id: Generated<string>;
  case_id: string;
  action: Buffer;
  owner: Buffer;
  due_on: string;
  done_at: Date | null;
  created_by: string;
  created_at: CreatedAt;
}

export interface PlanAgreementTable {
  id: Generated<string>;
  case_id: string;
  agreed_on: string;
  via: string;
  note: Buffer | null;
  recorded_by: string;
  recorded_at: CreatedAt;
}

export interface EscalationStepTable {
  id: Generated<string>;
  case_id: string;
  step: 'discuss_with_person' | 'collegial_consultation' | 'scale_up' | 'mdo' | 'board';
  occurred_on: string;
  who: Buffer;
  why: Buffer;
  outcome: Buffer | null;
  recorded_by: string;
  recorded_at: CreatedAt;
}

export interface ExternalShareTable {
  id: Generated<string>;
  case_id: string;
  partner_key: string;
  info: string;
  basis: 'framework2_board' | 'acute_override';
  all_options_used: boolean;
  consent_efforts_made: boolean;
  necessary_for_risk: boolean;
  board_consent_on: string | null;
  ledger_basis: string;
  ledger_basis_id: string;
  note: Buffer | null;
  shared_on: string;
  recorded_by: string;
  recorded_at: CreatedAt;
}

export interface ReferralTable {
  id: Generated<string>;
  case_id: string;
  partner_key: string;
  info: string;
  ledger_basis: string;
  ledger_basis_id: string;
  is_warm_handover: boolean;
  referred_on: string;
  outcome: Buffer | null;
  recorded_by: string;
  recorded_at: CreatedAt;
}

export interface PoliceReportTable {
  case_id: string;
  status: 'offered' | 'declined' | 'filed';
  offered_on: string | null;
  declined_reason: Buffer | null;
  filed_on: string | null;
  filed_by: 'reporter' | 'employer' | null;
  employer_address: Buffer | null;
  police_reference: Buffer | null;
  follow_up: Buffer | null;
  updated_by: string;
  updated_at: CreatedAt;
}

export interface ThreatEvidenceTable {
  id: Generated<string>;
  case_id: string;
  platform: string;
  link: Buffer;
  seen_on: string;
  note: Buffer | null;
  screenshot: Buffer | null;
  screenshot_type: string | null;
  recorded_by: string;
  recorded_at: CreatedAt;
}

export interface ThreatLogGrantTable {
  case_id: string;
  user_id: string;
  granted_by: string;
  granted_at: CreatedAt;
}

export interface ThreatSupportTable {
  case_id: string;
  statement_status: 'none' | 'requested' | 'published' | 'declined';
  statement_on: string | null;
  other_employers: Buffer | null;
  checkin_every_weeks: number | null;
  next_checkin_on: string | null;
  updated_by: string;
  updated_at: CreatedAt;
}

export interface ThreatCheckinTable {
  id: Generated<string>;
  case_id: string;
  occurred_on: string;
  note: Buffer;
  recorded_by: string;
  recorded_at: CreatedAt;
}

export interface ExpertConsultationTable {
  id: Generated<string>;
  case_id: string;
  team_id: string;
  summary: Buffer;
  confirmed: Buffer;
  status: Generated<'draft' | 'published' | 'closed'>;
  created_by: string;
  created_at: CreatedAt;
  published_at: Date | null;
}

export interface ExpertAdviceTable {
  id: Generated<string>;
  consultation_id: string;
  author_id: string;
  advice: Buffer;
  created_at: CreatedAt;
}

export interface MdoMeetingTable {
  id: Generated<string>;
  team_id: string;
  held_on: string;
  created_by: string;
  created_at: CreatedAt;
}

export interface MdoItemTable {
  id: Generated<string>;
  meeting_id: string;
  case_id: string;
  summary: Buffer;
  decision: Buffer | null;
  decided_at: Date | null;
  added_by: string;
}

// Patterns (issue 8, migration 20261123T200000). identity is sealed with the case key.
export interface AccusedIdentifierTable {
  id: Generated<string>;
  case_id: string;
  kind: 'email' | 'person_number' | 'name_unit' | 'social';
  identity: Buffer;
  blind_index: Buffer;
  key_id: string;
  added_by: 'adviser' | 'reporter';
  added_by_user_id: string | null;
  created_at: CreatedAt;
}

export interface ReporterFingerprintTable {
  case_id: string;
  fingerprint: Buffer;
  key_id: string;
}

export interface PatternEscrowTable {
  case_id: string;
  state: Generated<'dormant' | 'matched' | 'released' | 'declined'>;
  created_at: CreatedAt;
  matched_at: Date | null;
  notified_at: Date | null;
  decided_at: Date | null;
}

// The team's own work (issue 11): protocols, safety plan, urgent alerts, activities, objectives.
export interface ProtocolStepDef {
  key: string;
  nl: string;
  en: string;
}
export interface ProtocolTable {
  id: Generated<string>;
  team_id: string;
  key: string;
  created_at: CreatedAt;
}
export interface ProtocolVersionTable {
  id: Generated<string>;
  protocol_id: string;
  version: number;
  title_nl: string;
  title_en: string;
  categories: ColumnType<string[], string, string>;
  steps: ColumnType<ProtocolStepDef[], string, string>;
  created_by: string | null;
  created_at: CreatedAt;
}
export interface CaseProtocolTable {
  id: Generated<string>;
  case_id: string;
  protocol_id: string;
  protocol_version_id: string;
  attached_via: 'category' | 'choice';
  attached_by: string | null;
  attached_at: CreatedAt;
}
export interface CaseProtocolStepTable {
  case_protocol_id: string;
  step_key: string;
  done_by: string;
  done_at: CreatedAt;
}
export interface SafetyPlanTable {
  case_id: string;
  content: Buffer;
  updated_by: string | null;
  updated_at: CreatedAt;
}
export interface OnCallSlotTable {
  team_id: string;
  position: number;
  user_id: string;
}
export interface UrgentAlertTable {
  id: Generated<string>;
  case_id: string;
  team_id: string;
  raised_at: Date;
  acknowledged_at: Date | null;
  acknowledged_by: string | null;
}
export interface UrgentAlertNoticeTable {
  alert_id: string;
  level: number;
  user_id: string;
  sent_at: Date;
}
export interface TeamActivityTable {
  id: Generated<string>;
  team_id: string;
  kind: string;
  title: string;
  held_on: string;
  status: Generated<string>;
  participants: number | null;
  partner: string | null;
  adviser_id: string | null;
  minutes: number | null;
  notes: string | null;
  created_by: string | null;
  created_at: CreatedAt;
}
export interface TeamObjectiveTable {
  id: Generated<string>;
  team_id: string;
  year: number;
  kind: 'objective' | 'recommendation';
  title: string;
  status: Generated<string>;
  notes: string | null;
  carried_from_id: string | null;
  created_by: string | null;
  created_at: CreatedAt;
  updated_at: CreatedAt;
}

export interface Database {
  protocol: ProtocolTable;
  protocol_version: ProtocolVersionTable;
  case_protocol: CaseProtocolTable;
  case_protocol_step: CaseProtocolStepTable;
  safety_plan: SafetyPlanTable;
  on_call_slot: OnCallSlotTable;
  urgent_alert: UrgentAlertTable;
  urgent_alert_notice: UrgentAlertNoticeTable;
  team_activity: TeamActivityTable;
  team_objective: TeamObjectiveTable;
  accused_identifier: AccusedIdentifierTable;
  reporter_fingerprint: ReporterFingerprintTable;
  pattern_escrow: PatternEscrowTable;
  risk_assessment: RiskAssessmentTable;
  plan_step: PlanStepTable;
  plan_agreement: PlanAgreementTable;
  escalation_step: EscalationStepTable;
  external_share: ExternalShareTable;
  referral: ReferralTable;
  police_report: PoliceReportTable;
  threat_evidence: ThreatEvidenceTable;
  threat_log_grant: ThreatLogGrantTable;
  threat_support: ThreatSupportTable;
  threat_checkin: ThreatCheckinTable;
  expert_consultation: ExpertConsultationTable;
  expert_advice: ExpertAdviceTable;
  mdo_meeting: MdoMeetingTable;
  mdo_item: MdoItemTable;
  consent_grant: ConsentGrantTable;
  consent_override: ConsentOverrideTable;
  identity_access: IdentityAccessTable;
  user_totp: UserTotpTable;
  recovery_code: RecoveryCodeTable;
  webauthn_credential: WebauthnCredentialTable;
  webauthn_challenge: WebauthnChallengeTable;
  password_reset_token: PasswordResetTokenTable;
  deletion_log: DeletionLogTable;
  job_lease: JobLeaseTable;
  reporter_session: ReporterSessionTable;
  case_message: CaseMessageTable;
  case_attachment: CaseAttachmentTable;
  case_minutes: CaseMinutesTable;
  reporter_notification: ReporterNotificationTable;
  appointment: AppointmentTable;
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
  category_version: CategoryVersionTable;
  referral_partner: ReferralPartnerTable;
  guide_content: GuideContentTable;
  adviser_profile: AdviserProfileTable;
  api_token: ApiTokenTable;
  sso_identity: SsoIdentityTable;
  intake_verification: IntakeVerificationTable;
  case_assignment: CaseAssignmentTable;
  case_conflict: CaseConflictTable;
  case_contact: CaseContactTable;
  case_task: CaseTaskTable;
  case_link: CaseLinkTable;
  case_status_change: CaseStatusChangeTable;
  deadline_reminder: DeadlineReminderTable;
}
