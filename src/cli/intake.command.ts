import { institutionByKey } from '../server/tenancy/tenancy.js';
import type { Deps } from '../server/bootstrap.js';
import { readIntakeGuard, type IntakeMode } from '../server/http/anti-automation.js';
import { setIntakeGuard } from '../server/intake/intake-guard.js';
import { parseArgs } from './args.js';
import type { Command } from './commands.js';

/**
 * The operator's switch against a real flood (docs/decisions/025-anti-automation.md):
 * `intake guard MODE [--cost N] [--contact TEXT] [--institution KEY]`, audited. `intake status`
 * shows it. With `--institution` one institution's reporting point (decision 039); without it
 * every institution, as on a single site.
 */
const MODES: Record<string, IntakeMode> = {
  open: 'open',
  'require-proof': 'proof_required',
  closed: 'closed',
};

export const intakeGuardCommand: Command = {
  summary:
    'switch the anonymous side under attack: open | require-proof | closed [--cost N] [--contact "phone numbers"] [--institution KEY]',
  async run(deps, args) {
    const { options, positional } = parseArgs(args, ['cost', 'contact', 'institution']);
    const institution = await institutionOption(deps, options.institution);
    const mode = MODES[positional[0] ?? ''];
    if (!mode || positional.length !== 1)
      throw new Error(
        'give one mode: intake guard open|require-proof|closed [--cost N] [--contact TEXT] [--institution KEY]',
      );
    let proofCost: number | null | undefined;
    if (options.cost !== undefined) {
      proofCost = options.cost === 'default' ? null : Number(options.cost);
      if (
        proofCost !== null &&
        !(Number.isInteger(proofCost) && proofCost >= 1000 && proofCost <= 100_000_000)
      )
        throw new Error('--cost must be a whole number from 1000 to 100000000, or "default"');
    }
    const contactText = options.contact === undefined ? undefined : options.contact.trim() || null;
    if (contactText && contactText.length > 500)
      throw new Error('--contact may be at most 500 characters');
    await setIntakeGuard(
      deps.db,
      { mode, proofCost, contactText },
      { kind: 'cli' },
      institution?.id,
    );
    await intakeStatusCommand.run(deps, institution ? ['--institution', institution.key] : []);
  },
};

/** `--institution KEY`: that institution, or an error naming the key; absent: none (the first, or all). */
async function institutionOption(deps: Deps, key: string | undefined) {
  if (key === undefined) return undefined;
  const institution = await institutionByKey(deps.db, key);
  if (!institution) throw new Error(`no institution with key "${key}"`);
  return institution;
}

export const intakeStatusCommand: Command = {
  summary: "show the anonymous side's mode, proof cost and contact line [--institution KEY]",
  async run(deps, args) {
    const { options } = parseArgs(args, ['institution']);
    const institution = await institutionOption(deps, options.institution);
    const g = await readIntakeGuard(deps.db, deps.config.budgets.proofCost, institution?.id);
    const name = Object.entries(MODES).find(([, m]) => m === g.mode)![0];
    process.stdout.write(
      `intake: ${name}; proof cost ${g.proofCost}; contact line: ${g.contactText ?? '(none)'}\n`,
    );
  },
};
