import fs from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The threat model (docs/threat-model.md), read for the DPIA: its assets and what it does not protect against. */
export interface ThreatModelExtract {
  assets: { asset: string; where: string; why: string }[];
  notProtected: string[];
}

const FILE = fileURLToPath(new URL('../../../docs/threat-model.md', import.meta.url));
const plain = (s: string) =>
  s
    .replace(/`([^`]*)`/g, '$1')
    .replace(/\*\*([^*]*)\*\*/g, '$1')
    .replace(/\*([^*]*)\*/g, '$1')
    .trim();

function section(md: string, heading: string): string {
  const start = md.indexOf(`\n## ${heading}`);
  if (start < 0) return '';
  const rest = md.slice(start + heading.length + 4);
  const end = rest.indexOf('\n## ');
  return end < 0 ? rest : rest.slice(0, end);
}

export function parseThreatModel(md: string): ThreatModelExtract {
  const assets = section(md, 'Assets')
    .split('\n')
    .filter((l) => l.startsWith('|') && !/^\|\s*-/.test(l) && !/^\|\s*asset\s*\|/.test(l))
    .map((l) => l.split('|').slice(1, -1).map(plain))
    .filter((cells) => cells.length >= 3)
    .map(([asset, where, why]) => ({ asset: asset!, where: where!, why: why! }));
  const notProtected: string[] = [];
  for (const line of section(md, 'What we do not protect against').split('\n')) {
    if (line.startsWith('- ')) notProtected.push(plain(line.slice(2)));
    else if (line.startsWith('  ') && notProtected.length)
      notProtected[notProtected.length - 1] += ` ${plain(line)}`;
  }
  return { assets, notProtected };
}

export function readThreatModel(): ThreatModelExtract | undefined {
  try {
    return parseThreatModel(fs.readFileSync(FILE, 'utf8'));
  } catch {
    return undefined;
  }
}
