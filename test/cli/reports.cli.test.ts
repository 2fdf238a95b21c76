import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { MELDPUNT_BIN, useCliWorkspace } from './cli-workspace.js';
import {
  buildAnnualFixtureCsv,
  CASE_HEADER,
  PARTNER_COUNTS_CSV,
} from '../support/annual-fixture.js';

/**
 * bin/meldpunt as an operator runs it: a child process on a fresh data directory and a fresh
 * database (test/support/database.ts).
 */
const ws = useCliWorkspace({ prefix: 'cli' });
beforeAll(() => {
  fs.writeFileSync(path.join(ws.dir, 'cases.csv'), buildAnnualFixtureCsv());
  fs.writeFileSync(path.join(ws.dir, 'partners.csv'), PARTNER_COUNTS_CSV);
});

/** Synchronous, with stdout as bytes (PDF, Word and spreadsheet reports go to stdout). */
function meldpunt(...args: string[]) {
  const r = spawnSync(MELDPUNT_BIN, args, { env: ws.env, cwd: ws.dir, timeout: 60_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr.toString() };
}

function jsonReport(...extra: string[]) {
  const r = meldpunt('report', 'annual', '--year', '2025', '--format', 'json', ...extra);
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  return JSON.parse(r.stdout.toString());
}

describe('bin/meldpunt import and report', { timeout: 180_000 }, () => {
  it('refuses a malformed file as the first command, with the row number, and imports nothing', () => {
    const bad = [
      CASE_HEADER.join(','),
      buildAnnualFixtureCsv()
        .split('\r\n')[1]!
        .replace('2024-01-01,in_person', '2024-13-01,in_person'),
    ];
    fs.writeFileSync(path.join(ws.dir, 'bad.csv'), `${bad.join('\n')}\n`);
    const r = meldpunt('import', 'cases', 'bad.csv');
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(
      /^meldpunt: row 1 \(line 2\): received_on: "2024-13-01" is not a date YYYY-MM-DD\n$/,
    );
    expect(jsonReport()).toMatchObject({ total: 0, previousTotal: 0 });
  });

  it('imports the published 2024 and 2025 figures and reports them', () => {
    const imported = meldpunt('import', 'cases', 'cases.csv');
    expect(imported.stderr).toBe('');
    expect(imported.stdout.toString()).toMatch(/^imported 233 cases/);
    expect(meldpunt('import', 'partner-counts', 'partners.csv').stdout.toString()).toBe(
      'imported 3 partner counts\n',
    );
    const report = jsonReport();
    expect(report).toMatchObject({
      team: 'students',
      year: 2025,
      total: 104,
      previousYear: 2024,
      previousTotal: 127,
    });
    expect(report.byCategory[0]).toMatchObject({
      key: 'sexual_violence',
      label: 'Seksueel geweld',
      count: 25,
      percent: 24,
      previousPercent: 20,
    });
    expect(report.byOrgUnit[0]).toMatchObject({ key: 'LAW', label: 'LAW', count: 25, percent: 24 });
    expect(report.partnerCounts).toContainEqual({
      service: 'study_adviser',
      category: null,
      count: 42,
    });
    expect(jsonReport('--lang', 'en', '--team', 'students').byCategory[0].label).toBe(
      'Sexual violence',
    );
  });

  it('writes a PDF to stdout and other formats to --out', () => {
    const pdf = meldpunt('report', 'annual', '--year', '2025', '--format', 'pdf');
    expect(pdf.status).toBe(0);
    expect(pdf.stdout.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.stdout.subarray(-6).toString()).toMatch(/%%EOF/);
    for (const format of ['csv', 'html', 'docx', 'xlsx']) {
      const out = path.join(ws.dir, `report.${format}`);
      const r = meldpunt('report', 'annual', '--year', '2025', '--format', format, '--out', out);
      expect(r.status, r.stderr).toBe(0);
      expect(fs.statSync(out).size).toBeGreaterThan(1000);
    }
    expect(fs.readFileSync(path.join(ws.dir, 'report.csv'), 'utf8')).toContain(
      'total,total,Totaal,104,100,127,100',
    );
  });

  it.each([
    [['report', 'annual', '--format', 'json'], /^meldpunt: --year YYYY is required\n$/],
    [
      ['report', 'annual', '--year', '2025', '--format', 'doc'],
      /^meldpunt: --format must be one of json, csv, html, pdf, docx, xlsx\n$/,
    ],
    [
      ['report', 'annual', '--year', '2025', '--lang', 'de'],
      /^meldpunt: --lang must be nl or en\n$/,
    ],
    [['report', 'annual', '--year', '2025', '--team', 'nope'], /^meldpunt: unknown team: nope\n$/],
    [
      ['report', 'annual', '--year', '2025', '--colour', 'red'],
      /^meldpunt: unknown option --colour\n$/,
    ],
    [['import', 'cases'], /^meldpunt: usage: meldpunt import cases FILE.csv \[--team KEY\]\n$/],
    [['import', 'cases', 'missing.csv'], /^meldpunt: cannot read missing.csv: no such file\n$/],
  ])('refuses %j with one line', (args, message) => {
    const r = meldpunt(...args);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(message);
  });
});
