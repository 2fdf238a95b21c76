import { spawnSync } from 'node:child_process';

/**
 * The path of a system program this suite needs, or an error that says how to get it. Never a
 * skip: a check that cannot run fails (issue 27).
 */
export function requireProgram(name: string, debianPackage: string): string {
  const found = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' });
  const where = found.status === 0 ? found.stdout.trim() : '';
  if (!where) {
    throw new Error(
      `${name} is not installed; this suite needs it. On Debian or Ubuntu: apt-get install -y ${debianPackage}`,
    );
  }
  return where;
}
