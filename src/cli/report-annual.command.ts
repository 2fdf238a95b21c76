import fs from 'node:fs';
import { z } from 'zod';
import { getAnnualReport } from '../server/reports/reports.service.js';
import { exportAnnualReport, REPORT_FORMATS } from '../server/reports/report-export.js';
import { findTeam } from '../server/teams/teams.service.js';
import { reportExportOptions } from '../server/reports/report-options.js';
import { parseArgs } from './args.js';
import type { Command } from './commands.js';

const Input = z.object({
  year: z
    .string({ error: '--year YYYY is required' })
    .regex(/^\d{4}$/, { error: '--year must be a year like 2025' })
    .transform(Number),
  format: z
    .enum(REPORT_FORMATS, { error: `--format must be one of ${REPORT_FORMATS.join(', ')}` })
    .default('json'),
  lang: z.enum(['nl', 'en'], { error: '--lang must be nl or en' }).default('nl'),
  team: z.string().optional(),
  out: z.string().min(1).optional(),
});

export const reportAnnualCommand: Command = {
  summary: `the annual report: --year YYYY [--team KEY] --format ${REPORT_FORMATS.join('|')} [--out FILE] [--lang nl|en]`,
  async run(deps, args) {
    const { options, positional } = parseArgs(args, ['year', 'format', 'lang', 'team', 'out']);
    if (positional.length > 0) throw new Error(`unexpected argument: ${positional[0]}`);
    const parsed = Input.safeParse(options);
    if (!parsed.success) throw new Error(parsed.error.issues[0]!.message);
    const { year, format, lang, team: teamKey, out } = parsed.data;
    const team = await findTeam(deps.db, teamKey);
    if (!team) throw new Error(teamKey ? `unknown team: ${teamKey}` : 'no team exists yet');
    const report = await getAnnualReport(deps.db, { teamKey: team.key, year, lang, format });
    const bytes = await exportAnnualReport(
      report,
      format,
      await reportExportOptions(deps.db, team, year, lang),
    ); // chapters 3–4, cover, partners (issues 11, 20)
    if (out) {
      fs.writeFileSync(out, bytes);
      process.stdout.write(
        `wrote the ${year} annual report of team ${team.key} (${format}) to ${out}\n`,
      );
      return;
    }
    await new Promise<void>((resolve, reject) =>
      process.stdout.write(bytes, (err) => (err ? reject(err) : resolve())),
    );
  },
};
