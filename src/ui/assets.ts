import fs from 'node:fs';
import crypto from 'node:crypto';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * The stylesheets, read once at start-up: the NL Design System (Utrecht) components and
 * design tokens, and our own small sheet. Served from our origin only (no third parties).
 */
const utrecht = [
  require.resolve('@utrecht/design-tokens/dist/theme.css'),
  require.resolve('@utrecht/component-library-css/dist/index.css'),
]
  .map((f) => fs.readFileSync(f, 'utf8'))
  .join('\n');

export const ASSETS: Record<string, { body: string; type: string }> = {
  'utrecht.css': { body: utrecht, type: 'text/css; charset=utf-8' },
  'app.css': { body: fs.readFileSync(path.join(root, 'public/app.css'), 'utf8'), type: 'text/css; charset=utf-8' },
  'proof-of-work.js': { body: fs.readFileSync(path.join(root, 'public/proof-of-work.js'), 'utf8'), type: 'text/javascript; charset=utf-8' },
  'webauthn.js': { body: fs.readFileSync(path.join(root, 'public/webauthn.js'), 'utf8'), type: 'text/javascript; charset=utf-8' },
};

export const ASSET_VERSION = crypto
  .createHash('sha256')
  .update(Object.values(ASSETS).map((a) => a.body).join(''))
  .digest('hex')
  .slice(0, 12);
