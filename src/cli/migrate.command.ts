import type { Command } from './commands.js';

export const migrateCommand: Command = {
  summary: 'bring the database schema up to date',
  // bootstrap() has already migrated by the time a command runs.
  async run() {
    process.stdout.write('database is up to date\n');
  },
};
