import type { Db } from '../db/create-db.js';
import { listOrgUnits, saveOrgUnit, type OrgUnit } from '../admin/org-units.service.js';

/**
 * Maastricht University's six faculties, as the published annual report counts reports by
 * them; the keys are the ones the demo's history (annual-figures.ts) imports.
 */
export const DEMO_FACULTIES: OrgUnit[] = [
  { key: 'LAW', labelNl: 'Faculteit der Rechtsgeleerdheid (FdR)', labelEn: 'Faculty of Law' },
  {
    key: 'SBE',
    labelNl: 'School of Business and Economics (SBE)',
    labelEn: 'School of Business and Economics (SBE)',
  },
  {
    key: 'FASoS',
    labelNl: 'Faculteit der Cultuur- en Maatschappijwetenschappen (FASoS)',
    labelEn: 'Faculty of Arts and Social Sciences (FASoS)',
  },
  {
    key: 'FHML',
    labelNl: 'Faculteit Gezondheid, Geneeskunde en Levenswetenschappen (FHML)',
    labelEn: 'Faculty of Health, Medicine and Life Sciences (FHML)',
  },
  {
    key: 'FPN',
    labelNl: 'Faculteit der Psychologie en Neurowetenschappen (FPN)',
    labelEn: 'Faculty of Psychology and Neuroscience (FPN)',
  },
  {
    key: 'FSE',
    labelNl: 'Faculty of Science and Engineering (FSE)',
    labelEn: 'Faculty of Science and Engineering (FSE)',
  },
];

/**
 * Gives the team the faculties, so the intake asks for one. A faculty that is missing, or
 * still labelled with its bare key (as the case import creates it), gets its names; one an
 * administrator renamed is left alone. Returns how many were saved.
 */
export async function loadDemoOrgUnits(db: Db, teamId: string): Promise<number> {
  const existing = new Map((await listOrgUnits(db, teamId)).map((u) => [u.key, u]));
  const todo = DEMO_FACULTIES.filter((f) => {
    const unit = existing.get(f.key);
    return !unit || (unit.labelNl === f.key && unit.labelEn === f.key);
  });
  if (todo.length === 0) return 0;
  await db.transaction().execute(async (trx) => {
    for (const unit of todo) await saveOrgUnit(trx, teamId, unit, { kind: 'system' });
  });
  return todo.length;
}
