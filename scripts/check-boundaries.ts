/**
 * The import boundaries (decision 027), run by `npm run lint:boundaries`:
 * 1. dependency-cruiser's rules in .dependency-cruiser.cjs (domain is pure; no feature imports
 *    another feature's routes), with their known exceptions listed there;
 * 2. no cycles between feature folders (src/server/<feature>/): every import from one feature
 *    folder into another that lies on a cycle of folders must be one of the known cyclic edges in
 *    scripts/boundaries.known-cycles.json — a new one fails. A known edge that no longer lies on a
 *    cycle is reported so that the list can shrink.
 *
 *   npx tsx scripts/check-boundaries.ts [root]           check (root defaults to the repository)
 *   npx tsx scripts/check-boundaries.ts --write-known    rewrite the known cycles from the tree (only
 *                                                        to record a deliberate change: say why in the commit)
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = resolve(fileURLToPath(import.meta.url), '../..');
const KNOWN_FILE = join(REPO, 'scripts/boundaries.known-cycles.json');

interface Violation {
  from: string;
  to: string;
  rule: { name: string };
}
interface Cruise {
  modules: { source: string; dependencies: { resolved: string }[] }[];
  summary: { violations: Violation[] };
}

export interface BoundaryReport {
  /** Rule violations and new folder cycles, one line each; empty when the tree passes. */
  problems: string[];
  /** Known cyclic edges that are no longer on a cycle. */
  stale: string[];
  /** Every feature-folder edge that lies on a cycle now ("a -> b"). */
  cyclicEdges: string[];
}

function cruise(root: string): Cruise {
  const bin = join(REPO, 'node_modules/.bin/depcruise');
  const run = spawnSync(
    bin,
    ['src', '--config', join(REPO, '.dependency-cruiser.cjs'), '--output-type', 'json'],
    { cwd: root, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 },
  );
  if (!run.stdout) throw new Error(`depcruise failed: ${run.stderr}`);
  return JSON.parse(run.stdout) as Cruise;
}

const featureOf = (path: string) => /^src\/server\/([^/]+)\//.exec(path)?.[1];

/** The edges between feature folders that lie on a cycle (u -> v where v reaches u). */
export function cyclicFolderEdges(modules: Cruise['modules']): string[] {
  const graph = new Map<string, Set<string>>();
  for (const m of modules) {
    const from = featureOf(m.source);
    if (!from) continue;
    for (const d of m.dependencies) {
      const to = featureOf(d.resolved);
      if (!to || to === from) continue;
      if (!graph.has(from)) graph.set(from, new Set());
      graph.get(from)?.add(to);
    }
  }
  const reaches = (start: string, goal: string) => {
    const seen = new Set<string>([start]);
    const stack = [start];
    while (stack.length) {
      const node = stack.pop() as string;
      if (node === goal) return true;
      for (const next of graph.get(node) ?? []) {
        if (seen.has(next)) continue;
        seen.add(next);
        stack.push(next);
      }
    }
    return false;
  };
  const edges: string[] = [];
  for (const [from, tos] of graph)
    for (const to of tos) if (reaches(to, from)) edges.push(`${from} -> ${to}`);
  return edges.sort();
}

export function checkBoundaries(root = REPO, known: string[] = readKnown()): BoundaryReport {
  const result = cruise(root);
  const problems = result.summary.violations.map((v) => `${v.rule.name}: ${v.from} → ${v.to}`);
  const cyclicEdges = cyclicFolderEdges(result.modules);
  const knownSet = new Set(known);
  for (const edge of cyclicEdges)
    if (!knownSet.has(edge))
      problems.push(`no-feature-folder-cycles: ${edge} closes a cycle between feature folders`);
  const now = new Set(cyclicEdges);
  return { problems, stale: known.filter((e) => !now.has(e)), cyclicEdges };
}

function readKnown(): string[] {
  if (!existsSync(KNOWN_FILE)) return [];
  return (JSON.parse(readFileSync(KNOWN_FILE, 'utf8')) as { edges: string[] }).edges;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  if (process.argv.includes('--write-known')) {
    const { cyclicEdges } = checkBoundaries(REPO, []);
    const note =
      'Known exceptions to no-feature-folder-cycles (decision 027): imports between feature folders that lie on a cycle when the rule came in. Remove an edge once it is gone; never add one without saying why.';
    writeFileSync(KNOWN_FILE, `${JSON.stringify({ note, edges: cyclicEdges }, null, 2)}\n`);
    console.log(`boundaries: ${cyclicEdges.length} known cyclic edges written`);
  } else {
    const root = process.argv[2] ? resolve(process.argv[2]) : REPO;
    const report = checkBoundaries(root);
    for (const s of report.stale)
      console.log(
        `note: known cyclic edge ${s} is no longer on a cycle: remove it from scripts/boundaries.known-cycles.json`,
      );
    for (const p of report.problems) console.error(`error ${p}`);
    console.log(
      `boundaries: ${report.problems.length} problems, ${report.cyclicEdges.length} known cyclic edges between feature folders`,
    );
    process.exitCode = report.problems.length ? 1 : 0;
  }
}
