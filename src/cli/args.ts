/** Parses `--name value` options; anything else is a positional argument. */
export function parseArgs(args: string[], known: readonly string[]) {
  const options: Record<string, string> = {};
  const positional: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (!arg.startsWith('--')) {
      positional.push(arg);
      continue;
    }
    const [name, inline] = arg.slice(2).split('=', 2) as [string, string | undefined];
    if (!known.includes(name)) throw new Error(`unknown option --${name}`);
    const value = inline ?? args[++i];
    if (value === undefined || value.startsWith('--'))
      throw new Error(`option --${name} needs a value`);
    options[name] = value;
  }
  return { options, positional };
}
