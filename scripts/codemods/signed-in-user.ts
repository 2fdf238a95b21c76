/**
 * Codemod (decision 027): `c.get('user')!` → `signedInUser(c)` from `http/env.ts`, adding the import.
 * Idempotent; run it after merging branches that still use the assertion:
 *   npx tsx scripts/codemods/signed-in-user.ts
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';

const ENV = join(process.cwd(), 'src/server/http/env.ts');

function* files(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* files(path);
    else if (/\.tsx?$/.test(name)) yield path;
  }
}

let changed = 0;
for (const file of files(join(process.cwd(), 'src'))) {
  const before = readFileSync(file, 'utf8');
  if (file === ENV || !before.includes("c.get('user')!")) continue;
  let text = before.replaceAll("c.get('user')!", 'signedInUser(c)');
  let spec = relative(dirname(file), ENV).replace(/\.ts$/, '.js');
  if (!spec.startsWith('.')) spec = `./${spec}`;
  const importLine = new RegExp(
    `^import (type )?\\{([^}]*)\\} from '${spec.replaceAll('.', '\\.')}';$`,
    'm',
  );
  const found = importLine.exec(text);
  if (/^import [^;]*\bsignedInUser\b[^;]*;$/m.test(text)) {
    // already imported (from http/env.ts, or the form kit's re-export)
  } else if (found && !/\bsignedInUser\b/.test(found[2] ?? '')) {
    const names = (found[2] ?? '')
      .split(',')
      .map((n) => n.trim())
      .filter(Boolean);
    // A type-only import becomes a value import with its names marked `type`.
    const typed = found[1] ? names.map((n) => (n.startsWith('type ') ? n : `type ${n}`)) : names;
    text = text.replace(
      found[0],
      `import { ${['signedInUser', ...typed].join(', ')} } from '${spec}';`,
    );
  } else if (!found) {
    const imports = [...text.matchAll(/^import .*;$/gm)];
    const last = imports.at(-1);
    const at = last ? last.index + last[0].length : 0;
    text = `${text.slice(0, at)}\nimport { signedInUser } from '${spec}';${text.slice(at)}`;
  }
  writeFileSync(file, text);
  changed++;
}
console.log(`signed-in-user: ${changed} files changed`);
