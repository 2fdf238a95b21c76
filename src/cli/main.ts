import { readConfig } from '../server/config.js';
import { bootstrap, type Deps } from '../server/bootstrap.js';
import { commands } from './commands.js';

/**
 * bin/meldpunt: the operator's command line. Works on the same database as the server.
 * Exit 0 on success; otherwise one line on stderr saying what was wrong.
 */
export class UsageError extends Error {}

async function main(argv: string[]): Promise<void> {
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
    await command.run(deps, args);
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
