import fs from 'node:fs';

/** The one positional FILE argument of an import command, read as UTF-8. */
export function readInputFile(positional: string[], usage: string): string {
  if (positional.length !== 1) throw new Error(`usage: ${usage}`);
  const file = positional[0]!;
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new Error(
      `cannot read ${file}: ${code === 'ENOENT' ? 'no such file' : (code ?? (err as Error).message)}`,
      { cause: err },
    );
  }
}
