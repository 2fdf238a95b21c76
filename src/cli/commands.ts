import type { Deps } from '../server/bootstrap.js';
import { migrateCommand } from './migrate.command.js';
import { usersCreateCommand } from './users.command.js';

export interface Command {
  summary: string;
  run(deps: Deps, args: string[]): Promise<void>;
}

/** Every command of bin/meldpunt, by name. */
export const commands: Record<string, Command> = {
  migrate: migrateCommand,
  'users create': usersCreateCommand,
};
