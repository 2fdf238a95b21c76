import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** vitest globalSetup: one directory per run in which the workers note the page states that passed axe. */
export default function setup(): () => void {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'meldpunt-axe-'));
  process.env.MELDPUNT_AXE_SEEN_DIR = dir;
  return () => fs.rmSync(dir, { recursive: true, force: true });
}
