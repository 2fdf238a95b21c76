import crypto from 'node:crypto';
import sharp from 'sharp';

/**
 * An institution's logo (issue 22, decision 038): PNG or JPEG only, recognised by its first bytes
 * (never by its name or declared type), ending where the format ends (nothing appended: a
 * polyglot that is also a script or an archive is refused), at most LOGO_MAX_BYTES, and then
 * re-encoded by sharp to at most 480 × 160 pixels, so only its pixels are kept and served. SVG
 * (which can carry script) and every other format are refused.
 */
export const LOGO_MAX_BYTES = 512 * 1024;
const MAX_WIDTH = 480;
const MAX_HEIGHT = 160;

const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const PNG_END = Buffer.from([0, 0, 0, 0, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82]);

export type LogoProblem = 'empty' | 'too_large' | 'type' | 'trailing_data' | 'unreadable';
export interface Logo {
  contentType: 'image/png' | 'image/jpeg';
  body: Buffer;
  width: number;
  height: number;
  sha256: string;
}
export type LogoCheck = { ok: true; logo: Logo } | { ok: false; problem: LogoProblem };

/** Pure: the format its first bytes say, if PNG or JPEG. */
export function logoFormat(input: Buffer): 'png' | 'jpeg' | undefined {
  if (input.subarray(0, 8).equals(PNG_MAGIC)) return 'png';
  if (input[0] === 0xff && input[1] === 0xd8 && input[2] === 0xff) return 'jpeg';
  return undefined;
}

/** Pure: whether the file ends where its format ends (PNG's IEND chunk, JPEG's end-of-image marker). */
export function endsCleanly(input: Buffer, format: 'png' | 'jpeg'): boolean {
  if (format === 'png') return input.subarray(-PNG_END.length).equals(PNG_END);
  return input[input.length - 2] === 0xff && input[input.length - 1] === 0xd9;
}

export async function prepareLogo(input: Buffer): Promise<LogoCheck> {
  if (input.length === 0) return { ok: false, problem: 'empty' };
  if (input.length > LOGO_MAX_BYTES) return { ok: false, problem: 'too_large' };
  const format = logoFormat(input);
  if (!format) return { ok: false, problem: 'type' };
  if (!endsCleanly(input, format)) return { ok: false, problem: 'trailing_data' };
  try {
    const image = sharp(input, { limitInputPixels: 4096 * 4096, failOn: 'error' })
      .timeout({ seconds: 10 })
      .rotate()
      .resize({ width: MAX_WIDTH, height: MAX_HEIGHT, fit: 'inside', withoutEnlargement: true });
    const { data, info } = await (
      format === 'png' ? image.png({ compressionLevel: 9 }) : image.jpeg({ quality: 88 })
    ).toBuffer({ resolveWithObject: true });
    return {
      ok: true,
      logo: {
        contentType: format === 'png' ? 'image/png' : 'image/jpeg',
        body: data,
        width: info.width,
        height: info.height,
        sha256: crypto.createHash('sha256').update(data).digest('hex'),
      },
    };
  } catch {
    return { ok: false, problem: 'unreadable' };
  }
}
