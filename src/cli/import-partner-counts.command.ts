import { importPartnerCounts } from '../server/imports/partner-count-import.js';
import { parseArgs } from './args.js';
import { readInputFile } from './read-input-file.js';
import type { Command } from './commands.js';

const USAGE = 'meldpunt import partner-counts FILE.csv [--team KEY]';

export const importPartnerCountsCommand: Command = {
  summary: 'import counts registered by partner services: FILE.csv [--team KEY]',
  async run(deps, args) {
    const { options, positional } = parseArgs(args, ['team']);
    const text = readInputFile(positional, USAGE);
    const { imported } = await importPartnerCounts(deps.db, { text, teamKey: options.team });
    process.stdout.write(`imported ${imported} partner count${imported === 1 ? '' : 's'}\n`);
  },
};
