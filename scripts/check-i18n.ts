/**
 * The message catalogues kept whole, run by `npm run lint:i18n` (part of `npm run lint`):
 * 1. src/i18n/nl.ts is the source; src/i18n/en.ts has exactly the same keys;
 * 2. missing: a key the code names (a literal passed to a translator or cast `as MessageKey`,
 *    which the type checker cannot see through) exists in the catalogue;
 * 3. unused: every key is named somewhere in src/ (outside src/i18n/) as a whole string literal,
 *    or lies under one of the dynamic prefixes below.
 *
 * Dynamic keys (`t(\`risk.level.${level}\`)`) cannot be read from the code, so every template
 * literal in src/ that starts like a key (`prefix.${`) must have its prefix listed in
 * DYNAMIC_PREFIXES, which says which keys that template may build. A new dynamic key therefore
 * needs an entry here; an entry no template uses any more fails, so the list stays true.
 *
 *   npx tsx scripts/check-i18n.ts [root]
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { nl } from '../src/i18n/nl.js';
import { en } from '../src/i18n/en.js';

/**
 * Template prefix in the code → the key prefixes it may build (usually itself). Narrower entries
 * where the template's prefix is a whole namespace: `intake.${f}` builds only the accused-person
 * field labels, `objectives.${part}` the two section headings, `consent.${group}.${key}` the
 * consent labels of consent.views.tsx (info, kind, purpose, via).
 */
export const DYNAMIC_PREFIXES: Record<string, string[]> = {
  'activities.kind.': ['activities.kind.'],
  'admin.token.scope.': ['admin.token.scope.'],
  'ombuds.outcomeKind.': ['ombuds.outcomeKind.'],
  'activities.status.': ['activities.status.'],
  'admin.role.': ['admin.role.'],
  'audit.actor.': ['audit.actor.'],
  'audit.event.': ['audit.event.'],
  'audit.group.': ['audit.group.'],
  'board.status.': ['board.status.'],
  'breach.risk.': ['breach.risk.'],
  'cases.documents.from.': ['cases.documents.from.'],
  'cases.export.section.': ['cases.export.section.'],
  'consent.': ['consent.info.', 'consent.kind.', 'consent.purpose.', 'consent.via.'],
  'consent.info.': ['consent.info.'],
  'consent.kind.': ['consent.kind.'],
  'consent.purpose.': ['consent.purpose.'],
  'deadlines.kind.': ['deadlines.kind.'],
  'discipline.': ['discipline.'],
  'escalation.basis.': ['escalation.basis.'],
  'escalation.f2.': ['escalation.f2.'],
  'escalation.rung.': ['escalation.rung.'],
  'escalation.step.': ['escalation.step.'],
  'expert.kind.': ['expert.kind.'],
  'expert.status.': ['expert.status.'],
  'intake.': ['intake.accused'],
  'intake.behalf.': ['intake.behalf.'],
  'intake.channel.': ['intake.channel.'],
  'issue5.link.': ['issue5.link.'],
  'ladder.f2q.': ['ladder.f2q.'],
  'ladder.state.': ['ladder.state.'],
  'mailbox.minutes.': ['mailbox.minutes.'],
  'mdoFn.': ['mdoFn.'],
  'objectives.': ['objectives.objectives', 'objectives.recommendations'],
  'objectives.kind.': ['objectives.kind.'],
  'objectives.status.': ['objectives.status.'],
  'patterns.escrow.state.': ['patterns.escrow.state.'],
  'patterns.kind.': ['patterns.kind.'],
  'plan.via.': ['plan.via.'],
  'police.filedBy.': ['police.filedBy.'],
  'police.status.': ['police.status.'],
  'referrals.basis.': ['referrals.basis.'],
  'referrals.kind.': ['referrals.kind.'],
  'report.chart.': ['report.chart.'],
  'report.section.': ['report.section.'],
  'rights.file.minutesStatus.': ['rights.file.minutesStatus.'],
  'rights.kind.': ['rights.kind.'],
  'rights.outcome.': ['rights.outcome.'],
  'rights.reason.': ['rights.reason.'],
  'rights.status.': ['rights.status.'],
  'rights.subject.': ['rights.subject.'],
  'rights.via.': ['rights.via.'],
  'risk.f1.': ['risk.f1.'],
  'risk.group.': ['risk.group.'],
  'risk.ind.': ['risk.ind.'],
  'risk.level.': ['risk.level.'],
  'risk.rating.': ['risk.rating.'],
  'safetyPlan.field.': ['safetyPlan.field.'],
  'safetyPlan.hint.': ['safetyPlan.hint.'],
  'threatComms.action.': ['threatComms.action.'],
  'threats.platform.': ['threats.platform.'],
  'threats.statement.': ['threats.statement.'],
  'workspace.deadline.': ['workspace.deadline.'],
};

const REPO = resolve(fileURLToPath(import.meta.url), '../..');

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...sourceFiles(path));
    else if (/\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name)) out.push(path);
  }
  return out;
}

export interface I18nReport {
  problems: string[];
  unused: string[];
}

export function checkI18n(
  root = REPO,
  catalogues: { nl: Record<string, string>; en: Record<string, string> } = { nl, en },
  dynamic: Record<string, string[]> = DYNAMIC_PREFIXES,
): I18nReport {
  const problems: string[] = [];
  const keys = Object.keys(catalogues.nl);
  const keySet = new Set(keys);
  const enKeys = new Set(Object.keys(catalogues.en));
  for (const k of keys) if (!enKeys.has(k)) problems.push(`missing in en.ts: ${k}`);
  for (const k of enKeys) if (!keySet.has(k)) problems.push(`in en.ts but not in nl.ts: ${k}`);

  const namespaces = new Set(keys.map((k) => k.split('.')[0]));
  const literals = new Set<string>();
  const templates = new Set<string>();
  for (const file of sourceFiles(join(root, 'src'))) {
    const rel = relative(root, file);
    if (rel.startsWith(join('src', 'i18n'))) continue;
    const source = ts.createSourceFile(
      file,
      readFileSync(file, 'utf8'),
      ts.ScriptTarget.Latest,
      false,
      file.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS,
    );
    const keyShaped = (s: string) =>
      /^[a-z][A-Za-z0-9]*(\.[A-Za-z0-9-]+)+$/.test(s) && namespaces.has(s.split('.')[0]!);
    const visit = (node: ts.Node): void => {
      if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node))
        literals.add(node.text);
      else if (ts.isTemplateExpression(node) && keyShaped(`${node.head.text}x`))
        templates.add(node.head.text);
      // Missing: a key-shaped literal handed to a translator, or cast to a key.
      let named: ts.Expression | undefined;
      if (ts.isCallExpression(node) && node.arguments[0]) {
        const callee = node.expression;
        const name = ts.isIdentifier(callee)
          ? callee.text
          : ts.isPropertyAccessExpression(callee)
            ? callee.name.text
            : '';
        if (['t', 'k', 'label'].includes(name)) named = node.arguments[0];
      }
      if (ts.isAsExpression(node) && node.type.getText(source) === 'MessageKey')
        named = node.expression;
      if (named && ts.isStringLiteral(named) && keyShaped(named.text) && !keySet.has(named.text))
        problems.push(`missing key ${named.text} (${rel})`);
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  for (const prefix of templates)
    if (!dynamic[prefix])
      problems.push(
        `dynamic key \`${prefix}\${…}\` is not in DYNAMIC_PREFIXES (scripts/check-i18n.ts)`,
      );
  for (const prefix of Object.keys(dynamic))
    if (!templates.has(prefix))
      problems.push(`DYNAMIC_PREFIXES lists ${prefix}, which no template in src/ builds any more`);
  const covered = Object.entries(dynamic)
    .filter(([p]) => templates.has(p))
    .flatMap(([, c]) => c);
  const unused = keys.filter((k) => !literals.has(k) && !covered.some((p) => k.startsWith(p)));
  for (const k of unused) problems.push(`unused key ${k}`);
  return { problems, unused };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const report = checkI18n(process.argv[2] ? resolve(process.argv[2]) : REPO);
  for (const p of report.problems) console.error(`error ${p}`);
  console.log(
    `i18n: ${report.problems.length} problems, ${Object.keys(nl).length} keys, ${Object.keys(DYNAMIC_PREFIXES).length} dynamic prefixes`,
  );
  process.exitCode = report.problems.length ? 1 : 0;
}
