import { importCases } from '../server/imports/case-import.service.js';
import { parseArgs } from './args.js';
import { readInputFile } from './read-input-file.js';
import type { Command } from './commands.js';

const USAGE = 'meldpunt import cases FILE.csv [--team KEY]';

export const importCasesCommand: Command = {
  summary: 'import historical cases from CSV, all or nothing: FILE.csv [--team KEY]',
  async run(deps, args) {
    const { options, positional } = parseArgs(args, ['team']);
    const text = readInputFile(positional, USAGE);
    const { imported, orgUnitsCreated } = await importCases(deps.db, deps.keyring, {
      text,
      teamKey: options.team,
    });
    const extra =
      orgUnitsCreated > 0
        ? ` (${orgUnitsCreated} new organisation unit${orgUnitsCreated === 1 ? '' : 's'})`
        : '';
    process.stdout.write(`imported ${imported} case${imported === 1 ? '' : 's'}${extra}\n`);
  },
};
