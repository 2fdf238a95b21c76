/**
 * `npm run bench`: speed next to the database's own limit, on PostgreSQL and on PGlite.
 * Prints a table and writes bench/results/<time>.json.
 *
 * Knobs (environment):
 *   BENCH_ENGINES        postgres,pglite (default both)
 *   BENCH_DATABASE_URL   PostgreSQL server for a fresh, dropped-afterwards database
 *                        (default postgres://postgres@127.0.0.1:5432/postgres)
 *   BENCH_SECONDS        seconds per load run (default 8)
 *   BENCH_CONNECTIONS    concurrent HTTP connections (default 10)
 *   BENCH_REPORT_SIZES   case counts for the annual report (default 10000,100000,1000000)
 *   BENCH_PGLITE_MAX     largest case count on PGlite (default 100000; set 1000000 for the full run)
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchEngine, type EngineResult } from './engine.js';
import { formatTable } from './table.js';
import { benchLighthouse } from './lighthouse.js';
import { formatScores } from '../e2e/support/lighthouse.js';

const engines = (process.env.BENCH_ENGINES ?? 'postgres,pglite').split(',').map((e) => e.trim()) as ('postgres' | 'pglite')[];
const seconds = Number(process.env.BENCH_SECONDS ?? 8);
const sizes = (process.env.BENCH_REPORT_SIZES ?? '10000,100000,1000000').split(',').map(Number);
const pgliteMax = Number(process.env.BENCH_PGLITE_MAX ?? 100_000);
const postgresUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

const started = Date.now();
const results: EngineResult[] = [];
for (const engine of engines) {
  process.stderr.write(`${engine}\n`);
  const reportSizes = engine === 'pglite' ? sizes.filter((n) => n <= pgliteMax) : sizes;
  results.push(await benchEngine(engine, { seconds, reportSizes, postgresUrl }));
}

const machine = {
  cpus: os.cpus().length,
  cpuModel: os.cpus()[0]?.model ?? 'unknown',
  memoryGiB: Math.round(os.totalmem() / 2 ** 30),
  node: process.version,
  platform: `${os.type()} ${os.release()}`,
};
process.stderr.write('lighthouse\n');
const lighthouse = await benchLighthouse();
const output = { measuredAt: new Date().toISOString(), machine, settings: { seconds, connections: Number(process.env.BENCH_CONNECTIONS ?? 10) }, results, lighthouse };
process.stdout.write(`${formatTable(results)}\n`);
process.stdout.write(`Lighthouse (mobile):\n${formatScores(lighthouse)}\n`);
process.stdout.write(`machine: ${machine.cpus} cores (${machine.cpuModel}), ${machine.memoryGiB} GiB, node ${machine.node}; ${Math.round((Date.now() - started) / 1000)} s\n`);
const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'results');
fs.mkdirSync(dir, { recursive: true });
const file = path.join(dir, `${output.measuredAt.replace(/[:.]/g, '-')}.json`);
fs.writeFileSync(file, `${JSON.stringify(output, null, 2)}\n`);
process.stdout.write(`written to ${path.relative(process.cwd(), file)}\n`);
