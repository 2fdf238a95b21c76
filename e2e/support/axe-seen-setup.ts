import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * vitest globalSetup: one directory per run in which the workers note the page states that
 * passed axe (axe-seen.ts); at the end, how many checks there were and how many states axe analysed.
 */
export default function setup(): () => void {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'meldpunt-axe-'));
  process.env.MELDPUNT_AXE_SEEN_DIR = dir;
  return () => {
    const calls = fs.existsSync(path.join(dir, 'calls'))
      ? fs.statSync(path.join(dir, 'calls')).size
      : 0;
    const states = fs.readdirSync(dir).filter((f) => f !== 'calls').length;
    process.stdout.write(
      `axe: ${states} distinct page states analysed for ${calls} accessibility checks\n`,
    );
    fs.rmSync(dir, { recursive: true, force: true });
  };
}
