import { readConfig } from '../server/config.js';
import { bootstrap, type Deps } from '../server/bootstrap.js';
import { commands } from './commands.js';
import { asPlatform, withInstitution } from '../server/db/tenancy.js';

/**
 * bin/meldpunt: the operator's command line. Works on the same database as the server.
 * Exit 0 on success; otherwise one line on stderr saying what was wrong.
 */
export class UsageError extends Error {}

async function main(all: string[]): Promise<void> {
  // `--as-institution KEY` anywhere: the command works for that institution only, its queries
  // under row-level security (decision 036); without it, explicitly in the platform context (the
  // operator's maintenance across institutions). Outside both, a query would see nothing.
  const at = all.indexOf('--as-institution');
  const institutionKey = at >= 0 ? all[at + 1] : undefined;
  if (at >= 0 && !institutionKey) throw new UsageError('--as-institution needs a key');
  const argv = at >= 0 ? [...all.slice(0, at), ...all.slice(at + 2)] : all;
  const [group, sub] = argv;
  const name = commands[`${group} ${sub}`] ? `${group} ${sub}` : group;
  const command = name ? commands[name] : undefined;
  if (!command) {
    process.stdout.write(
      `usage: meldpunt <command>\n\n${Object.entries(commands)
        .map(([n, c]) => `  ${n.padEnd(24)} ${c.summary}`)
        .join('\n')}\n`,
    );
    if (!group || group === 'help' || group === '--help') return;
    throw new UsageError(`unknown command: ${argv.join(' ')}`);
  }
  const args = argv.slice(name!.split(' ').length);
  let deps: Deps | undefined;
  try {
    deps = await bootstrap(readConfig(), { allowLegacyPglite: command.convertsLegacyPglite });
    const ready = deps;
    if (!institutionKey) await asPlatform(() => command.run(ready, args));
    else {
      const institution = await asPlatform(() =>
        ready.db
          .selectFrom('institution')
          .select('id')
          .where('key', '=', institutionKey)
          .executeTakeFirst(),
      );
      if (!institution) throw new UsageError(`no institution ${institutionKey}`);
      await withInstitution(institution.id, () => command.run(ready, args));
    }
  } finally {
    await deps?.close();
  }
}

main(process.argv.slice(2)).then(
  () => process.exit(0),
  (err: unknown) => {
    const message = err instanceof Error ? err.message : String(err);
    process.stderr.write(`meldpunt: ${message.split('\n')[0]}\n`);
    process.exit(1);
  },
);
