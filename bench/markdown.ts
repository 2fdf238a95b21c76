/** Prints a bench result file (bench/results/*.json) as a Markdown table: `npx tsx bench/markdown.ts FILE`. */
import fs from 'node:fs';
import { formatMarkdown } from './table.js';

const file = process.argv[2];
if (!file) throw new Error('usage: npx tsx bench/markdown.ts bench/results/<file>.json');
const { measuredAt, machine, results } = JSON.parse(fs.readFileSync(file, 'utf8'));
process.stdout.write(
  `${formatMarkdown(results)}\n\nMeasured ${measuredAt} on ${machine.cpus} cores (${machine.cpuModel}), ${machine.memoryGiB} GiB, Node ${machine.node}.\n`,
);
