import type { Deps } from '../server/bootstrap.js';
import { auditVerifyCommand } from './audit.command.js';
import { institutionsLogoCommand, institutionsSsoCommand } from './institution-sign-in.command.js';
import { importCasesCommand } from './import-cases.command.js';
import { importPartnerCountsCommand } from './import-partner-counts.command.js';
import { keysRotateCommand, keysStatusCommand } from './keys.command.js';
import { keysRotateBlindIndexCommand } from './blind-index.command.js';
import { migrateCommand } from './migrate.command.js';
import { reportAnnualCommand } from './report-annual.command.js';
import { usersCreateCommand } from './users.command.js';
import { backupCreateCommand, backupKeysCommand, backupRestoreCommand } from './backup.command.js';
import {
  orgUnitsAddCommand,
  teamsCreateCommand,
  teamsListCommand,
  usersDeactivateCommand,
  usersInviteCommand,
} from './admin.command.js';
import { usersResetTwoFactorCommand } from './recovery.command.js';
import {
  institutionsCreateCommand,
  institutionsEraseCommand,
  institutionsExportCommand,
  institutionsImportCommand,
  institutionsListCommand,
  platformOperatorCreateCommand,
} from './institutions.command.js';
import { platformOverviewCommand } from './overview.command.js';
import { intakeGuardCommand, intakeStatusCommand } from './intake.command.js';
import {
  breachesListCommand,
  privacyDpiaCommand,
  privacyRegisterCommand,
} from './privacy.command.js';

export interface Command {
  summary: string;
  /** Runs on a data directory that still holds an earlier version's PGlite database (to convert it). */
  convertsLegacyPglite?: boolean;
  run(deps: Deps, args: string[]): Promise<void>;
}

/** Every command of bin/meldpunt, by name. */
export const commands: Record<string, Command> = {
  migrate: migrateCommand,
  'users create': usersCreateCommand,
  'users invite': usersInviteCommand,
  'users deactivate': usersDeactivateCommand,
  'users reset-two-factor': usersResetTwoFactorCommand,
  'teams list': teamsListCommand,
  'teams create': teamsCreateCommand,
  'org-units add': orgUnitsAddCommand,
  'import cases': importCasesCommand,
  'import partner-counts': importPartnerCountsCommand,
  'report annual': reportAnnualCommand,
  'keys rotate': keysRotateCommand,
  'keys status': keysStatusCommand,
  'keys rotate-blind-index': keysRotateBlindIndexCommand,
  'audit verify': auditVerifyCommand,
  'backup create': backupCreateCommand,
  'backup keys': backupKeysCommand,
  'backup restore': backupRestoreCommand,
  'intake guard': intakeGuardCommand,
  'intake status': intakeStatusCommand,
  'privacy register': privacyRegisterCommand,
  'privacy dpia': privacyDpiaCommand,
  'breaches list': breachesListCommand,
  'institutions list': institutionsListCommand,
  'institutions create': institutionsCreateCommand,
  'institutions sso': institutionsSsoCommand,
  'institutions logo': institutionsLogoCommand,
  'institutions export': institutionsExportCommand,
  'institutions import': institutionsImportCommand,
  'institutions erase': institutionsEraseCommand,
  'platform-operator create': platformOperatorCreateCommand,
  'platform overview': platformOverviewCommand,
};
