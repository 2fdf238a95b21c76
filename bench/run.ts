/**
 * `npm run bench`: speed next to the database's own limit, on the embedded PostgreSQL (the
 * default, in a temporary data directory) and on an external PostgreSQL.
 * Prints a table and writes bench/results/<time>.json.
 *
 * Knobs (environment):
 *   BENCH_ENGINES        embedded,external (default both)
 *   BENCH_DATABASE_URL   external PostgreSQL server for a fresh, dropped-afterwards database
 *                        (default postgres://postgres@127.0.0.1:5432/postgres)
 *   BENCH_SECONDS        seconds per load run (default 8)
 *   BENCH_CONNECTIONS    concurrent HTTP connections (default 10)
 *   BENCH_REPORT_SIZES   case counts for the annual report (default 10000,100000,1000000)
 *   BENCH_FLOOD_SECONDS  length of each flood run (default 20); BENCH_FLOOD_GENUINE genuine reporters (default 20)
 *
 * `npm run bench -- --only=flood` runs only the flood scenario (docs/decisions/025),
 * `--only=lighthouse` only the page weights and Lighthouse scores of the public pages,
 * `--only=platform` only the platform scenario (issue 22, bench/platform.ts: BENCH_PLATFORM_* knobs).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchEngine, type EngineResult } from './engine.js';
import { formatTable } from './table.js';
import { benchLighthouse } from './lighthouse.js';
import { formatWeights } from './page-weight.js';
import { formatScores } from '../e2e/support/lighthouse.js';
import { benchFlood, formatFlood } from './flood.js';
import { benchPlatform, formatPlatform } from './platform.js';
import type { DbKind } from '../test/reliability/targets.js';
import { setDefaultContext } from '../src/server/db/tenancy.js';

// The bench sets up and measures rows as the platform; the servers it starts stay fail-closed.
setDefaultContext('platform');

const engines = (process.env.BENCH_ENGINES ?? 'embedded,external')
  .split(',')
  .map((e) => e.trim()) as DbKind[];
const seconds = Number(process.env.BENCH_SECONDS ?? 8);
const sizes = (process.env.BENCH_REPORT_SIZES ?? '10000,100000,1000000').split(',').map(Number);
const postgresUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

const only = process.argv.find((a) => a.startsWith('--only='))?.slice('--only='.length);
const started = Date.now();
const results: EngineResult[] = [];
for (const engine of only ? [] : engines) {
  process.stderr.write(`${engine}\n`);
  results.push(await benchEngine(engine, { seconds, reportSizes: sizes, postgresUrl }));
}

const machine = {
  cpus: os.cpus().length,
  cpuModel: os.cpus()[0]?.model ?? 'unknown',
  memoryGiB: Math.round(os.totalmem() / 2 ** 30),
  node: process.version,
  platform: `${os.type()} ${os.release()}`,
};
process.stderr.write('flood (external PostgreSQL)\n');
const flood =
  only && only !== 'flood'
    ? undefined
    : await benchFlood(postgresUrl, {
        seconds: Number(process.env.BENCH_FLOOD_SECONDS ?? 20),
        genuine: Number(process.env.BENCH_FLOOD_GENUINE ?? 20),
      });
process.stderr.write('platform (external PostgreSQL)\n');
const platform = only === 'platform' ? await benchPlatform(postgresUrl) : undefined;
process.stderr.write('lighthouse\n');
const lighthouse = only && only !== 'lighthouse' ? undefined : await benchLighthouse();
const output = {
  measuredAt: new Date().toISOString(),
  machine,
  settings: { seconds, connections: Number(process.env.BENCH_CONNECTIONS ?? 10) },
  results,
  flood,
  lighthouse,
  platform,
};
if (results.length) process.stdout.write(`${formatTable(results)}\n`);
if (flood) process.stdout.write(`${formatFlood(flood)}\n`);
if (platform) process.stdout.write(`${formatPlatform(platform)}\n`);
if (lighthouse)
  process.stdout.write(
    `Page weight (as sent):\n${formatWeights(lighthouse.weights)}\nLighthouse (mobile):\n${formatScores(lighthouse.scores)}\n`,
  );
process.stdout.write(
  `machine: ${machine.cpus} cores (${machine.cpuModel}), ${machine.memoryGiB} GiB, node ${machine.node}; ${Math.round((Date.now() - started) / 1000)} s\n`,
);
const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'results');
fs.mkdirSync(dir, { recursive: true });
const file = path.join(dir, `${output.measuredAt.replace(/[:.]/g, '-')}.json`);
fs.writeFileSync(file, `${JSON.stringify(output, null, 2)}\n`);
process.stdout.write(`written to ${path.relative(process.cwd(), file)}\n`);
