import fs from 'node:fs';
import { z } from 'zod';
import { recordAudit } from '../server/audit/audit.service.js';
import { findTeam, listTeams } from '../server/teams/teams.service.js';
import { getInstallationFacts } from '../server/privacy/privacy-facts.service.js';
import { buildPrivacyDocument, type DocumentKind } from '../server/privacy/privacy-documents.js';
import { DOCUMENT_FORMATS, renderPrivacyDocument } from '../server/privacy/privacy-render.js';
import { listBreaches } from '../server/privacy/breach.service.js';
import { parseArgs } from './args.js';
import type { Command } from './commands.js';

const Input = z.object({
  format: z
    .enum(DOCUMENT_FORMATS, { error: `--format must be one of ${DOCUMENT_FORMATS.join(', ')}` })
    .default('md'),
  lang: z.enum(['nl', 'en'], { error: '--lang must be nl or en' }).default('nl'),
  team: z.string().optional(),
  out: z.string().min(1).optional(),
});

function documentCommand(kind: DocumentKind, what: string): Command {
  return {
    summary: `${what}, filled from the configuration: [--team KEY] --format ${DOCUMENT_FORMATS.join('|')} [--lang nl|en] [--out FILE] (every team without --team)`,
    async run(deps, args) {
      const { options, positional } = parseArgs(args, ['format', 'lang', 'team', 'out']);
      if (positional.length > 0) throw new Error(`unexpected argument: ${positional[0]}`);
      const parsed = Input.safeParse(options);
      if (!parsed.success) throw new Error(parsed.error.issues[0]!.message);
      const { format, lang, team: teamKey, out } = parsed.data;
      let teamIds: string[] | undefined;
      if (teamKey) {
        const team = await findTeam(deps.db, teamKey);
        if (!team) throw new Error(`unknown team: ${teamKey}`);
        teamIds = [team.id];
      }
      const facts = await getInstallationFacts(deps.db, teamIds);
      const bytes = await renderPrivacyDocument(buildPrivacyDocument(kind, facts, lang), format);
      await recordAudit(deps.db, {
        type: 'PRIVACY_REGISTER_EXPORTED',
        actor: { kind: 'cli' },
        detail: { kind, format, teams: facts.teams.length },
      });
      if (out) {
        fs.writeFileSync(out, bytes);
        process.stdout.write(
          `wrote the ${what} (${format}, ${facts.teams.length} team${facts.teams.length === 1 ? '' : 's'}) to ${out}\n`,
        );
        return;
      }
      await new Promise<void>((resolve, reject) =>
        process.stdout.write(bytes, (err) => (err ? reject(err) : resolve())),
      );
    },
  };
}

export const privacyRegisterCommand = documentCommand(
  'register',
  'record of processing (GDPR art. 30)',
);
export const privacyDpiaCommand = documentCommand('dpia', 'DPIA starting document');

const ListInput = z.object({
  team: z.string().optional(),
  format: z.enum(['text', 'json'], { error: '--format must be text or json' }).default('text'),
});

export const breachesListCommand: Command = {
  summary: 'the breach register: [--team KEY] [--format text|json] (every team without --team)',
  async run(deps, args) {
    const { options, positional } = parseArgs(args, ['team', 'format']);
    if (positional.length > 0) throw new Error(`unexpected argument: ${positional[0]}`);
    const parsed = ListInput.safeParse(options);
    if (!parsed.success) throw new Error(parsed.error.issues[0]!.message);
    const teams = await listTeams(deps.db);
    const chosen = parsed.data.team ? teams.filter((t) => t.key === parsed.data.team) : teams;
    if (parsed.data.team && chosen.length === 0)
      throw new Error(`unknown team: ${parsed.data.team}`);
    const keyOf = new Map(teams.map((t) => [t.id, t.key]));
    const breaches = await listBreaches(
      deps.db,
      chosen.map((t) => t.id),
    );
    await recordAudit(deps.db, {
      type: 'BREACH_VIEWED',
      actor: { kind: 'cli' },
      detail: { listed: breaches.length },
    });
    const rows = breaches.map((b) => ({
      team: keyOf.get(b.teamId)!,
      number: b.number,
      foundAt: b.foundAt.toISOString(),
      deadline: b.deadline.toISOString(),
      risk: b.risk,
      peopleCount: b.peopleCount,
      apNotifiedAt: b.apNotifiedAt?.toISOString() ?? null,
      apInTime: b.apInTime ?? null,
      apDecided: b.apDecided,
      subjectsNotifiedAt: b.subjectsNotifiedAt?.toISOString() ?? null,
      closed: b.closedAt !== null,
    }));
    if (parsed.data.format === 'json') {
      process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
      return;
    }
    if (rows.length === 0) {
      process.stdout.write('no breaches recorded\n');
      return;
    }
    for (const r of rows) {
      const ap = r.apNotifiedAt
        ? `AP told ${r.apNotifiedAt}${r.apInTime ? ' (within 72 h)' : ' (late)'}`
        : r.apDecided
          ? 'AP not told (reason recorded)'
          : `AP decision open, deadline ${r.deadline}`;
      process.stdout.write(
        `${r.team} #${r.number}\tfound ${r.foundAt}\trisk ${r.risk}\t${ap}${r.closed ? '\tclosed' : ''}\n`,
      );
    }
  },
};
