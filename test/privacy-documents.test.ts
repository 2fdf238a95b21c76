import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import { beforeAll, describe, expect, it } from 'vitest';
import { commands } from '../src/cli/commands.js';
import { saveCategoryVersion } from '../src/server/admin/categories.service.js';
import { savePartner } from '../src/server/admin/partners.service.js';
import { TestClient } from './support/http-client.js';
import { createStaff, createTeam, PASSWORD } from './support/factories.js';
import { useTestApp } from './support/use-test-app.js';

/**
 * The record of processing (art. 30) and the DPIA starting document list every team, category
 * group, recipient and retention period the configuration holds. The configuration is made
 * here, and every expected value is written out below — not taken from the code that renders.
 */
const t = useTestApp();
const system = { kind: 'system' as const };

const DEFAULT_CATEGORY_LABELS = [
  'Seksueel geweld',
  'Ongepast gedrag',
  'Onprofessioneel gedrag',
  'Zorgwekkend gedrag',
  'Ongelijke behandeling',
  'Intimidatie',
  'Discriminatie',
  'Pesten',
  'Stalking',
  'Agressie',
  'Bedreiging',
  'Huiselijk geweld',
  'Eergerelateerd geweld',
  'Overige',
];
const DEFAULT_PARTNER_NAMES = [
  'Studentpsycholoog',
  'Studieadviseur',
  'Ombudsfunctionaris',
  'Klachtenloket',
  'HR',
  'Beveiliging',
  'Afdeling communicatie',
  'Politie (incl. zedenpolitie)',
  'Veilig Thuis',
  'Centrum Seksueel Geweld',
  'Discriminatie.nl',
  'Slachtofferhulp Nederland',
  '113 Zelfmoordpreventie',
  'GGZ-crisisdienst',
  'Blijf Groep',
  'Kenniscentrum Eer & Veiligheid',
  'Perspectief Herstelbemiddeling',
  'Reclassering',
];

/** What this file configured, team by team. */
const EXPECTED = [
  {
    name: 'Team Sociale Veiligheid voor studenten',
    retention: '27 maanden',
    categories: DEFAULT_CATEGORY_LABELS,
    partners: [...DEFAULT_PARTNER_NAMES, 'Bedrijfsarts Testlaan'],
  },
  {
    name: 'Team staff',
    retention: '84 maanden',
    categories: [
      ...DEFAULT_CATEGORY_LABELS.filter((l) => l !== 'Eergerelateerd geweld'),
      'Belaging op de campus',
    ],
    partners: DEFAULT_PARTNER_NAMES,
  },
];

let coordinator: TestClient;

beforeAll(async () => {
  const staffTeam = await createTeam(t.deps, 'staff');
  await t.deps.db
    .updateTable('team')
    .set({ retention_months: 27 })
    .where('id', '=', t.teamId)
    .execute();
  await t.deps.db
    .updateTable('team')
    .set({ retention_months: 84 })
    .where('id', '=', staffTeam)
    .execute();
  await t.deps.db.transaction().execute(async (trx) => {
    await savePartner(
      trx,
      t.teamId,
      {
        key: 'company_doctor',
        kind: 'internal',
        nameNl: 'Bedrijfsarts Testlaan',
        nameEn: 'Company doctor Testlaan',
        isActive: true,
      },
      system,
    );
    await saveCategoryVersion(
      trx,
      staffTeam,
      {
        key: 'campus_stalking',
        labelNl: 'Belaging op de campus',
        labelEn: 'Stalking on campus',
        definitionNl: 'Iemand volgen op de campus.',
        definitionEn: 'Following someone on campus.',
        subtypes: [
          { key: 'parking', labelNl: 'Op het parkeerterrein', labelEn: 'In the car park' },
        ],
        isRetired: false,
      },
      system,
    );
    await saveCategoryVersion(
      trx,
      staffTeam,
      {
        key: 'honour_violence',
        labelNl: 'Eergerelateerd geweld',
        labelEn: 'Honour-related violence',
        definitionNl: '-',
        definitionEn: '-',
        subtypes: [],
        isRetired: true,
      },
      system,
    );
  });
  const user = await createStaff(t.deps, t.teamId, ['safety_coordinator']);
  await t.deps.db
    .insertInto('team_membership')
    .values({ user_id: user.id, team_id: staffTeam, role: 'administrator' })
    .execute();
  coordinator = new TestClient(t.app, 'nl');
  expect((await coordinator.signIn(user.email, PASSWORD)).status).toBe(303);
});

/** The text of a document split at its team headings: team name → that team's part. */
function teamParts(text: string): Map<string, string> {
  const parts = text.split('Team: ').slice(1);
  return new Map(parts.map((p) => [p.slice(0, p.indexOf('\n')).trim(), p]));
}

function expectEveryFact(text: string) {
  const parts = teamParts(text);
  expect([...parts.keys()].sort()).toEqual(EXPECTED.map((e) => e.name).sort());
  for (const team of EXPECTED) {
    const part = parts.get(team.name)!;
    expect(part, team.name).toContain(team.retention);
    for (const label of team.categories)
      expect(part, `${team.name}: ${label}`).toContain(`\n${label}\t`);
    for (const name of team.partners)
      expect(part, `${team.name}: ${name}`).toContain(`\n${name}\t`);
    if (!team.categories.includes('Eergerelateerd geweld'))
      expect(part).not.toContain('Eergerelateerd geweld');
  }
  expect(parts.get('Team staff')).toContain('Op het parkeerterrein');
  expect(parts.get('Team staff')).not.toContain('Bedrijfsarts Testlaan');
}

/** Markdown table rows as "cell\tcell" lines, so a cell is found whole. */
const markdownText = (md: string) =>
  md
    .split('\n')
    .map((l) => (l.startsWith('| ') ? `\n${l.slice(2, -2).split(' | ').join('\t')}\t` : l))
    .join('\n');

/** A Word document's text: each table cell ends in a tab, each row on its own line. */
async function docxText(bytes: Buffer | Uint8Array): Promise<string> {
  const xml = await (await JSZip.loadAsync(bytes)).file('word/document.xml')!.async('string');
  return xml
    .replace(/<\/w:tc>/g, '\t')
    .replace(/<w:(p|tr)[ >]/g, '\n$&')
    .replace(/<[^>]+>/g, '')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'");
}

describe('the record of processing and the DPIA', () => {
  it('list every team, category group, recipient and retention period, in Markdown from the CLI', async () => {
    for (const kind of ['register', 'dpia']) {
      const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'privacy-')), `${kind}.md`);
      await commands[`privacy ${kind}`]!.run(t.deps, ['--format', 'md', '--out', out]);
      const md = fs.readFileSync(out, 'utf8');
      expectEveryFact(markdownText(md));
      if (kind === 'dpia') expect(md).toContain('Restrisico'); // the threat model's "what we do not protect against"
    }
  });

  it('list them in Word from the team privacy page, and the export is audited', async () => {
    for (const kind of ['register', 'dpia']) {
      const res = await coordinator.get(
        `/team/privacy/documents/${kind}?team=${t.teamId}&format=docx&lang=nl`,
      );
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toContain('wordprocessingml');
      expectEveryFact(await docxText(Buffer.from(await res.arrayBuffer())));
    }
    const events = await t.deps.db
      .selectFrom('audit_event')
      .select('detail')
      .where('type', '=', 'PRIVACY_REGISTER_EXPORTED')
      .execute();
    expect(events.length).toBeGreaterThanOrEqual(4);
  });

  it('are refused to a role that does not keep the register', async () => {
    const adviser = await createStaff(t.deps, t.teamId, ['confidential_adviser']);
    const client = new TestClient(t.app, 'nl');
    await client.signIn(adviser.email, PASSWORD);
    expect((await client.get(`/team/privacy/documents/register?format=md`)).status).toBe(403);
  });
});
