import sharp from 'sharp';
import { UPLOAD_BOUNDS } from './upload-bounds.js';

export type ImageResult =
  { ok: true; content: Buffer } | { ok: false; problem: 'malformed' | 'limits' };

/**
 * Re-encodes a photo with sharp (libvips) so that only its pixels are kept (issue 15, item 7):
 * EXIF, XMP, IPTC, ICC, comments and anything hidden after the scan are not copied. The EXIF
 * orientation is applied first, so the picture still stands upright. libvips decodes on its own
 * threads, not on the event loop; pixels and time are bounded.
 */
export async function cleanImage(
  input: Buffer,
  type: 'image/jpeg' | 'image/png',
): Promise<ImageResult> {
  const image = sharp(input, {
    limitInputPixels: UPLOAD_BOUNDS.imagePixels,
    failOn: 'error',
    sequentialRead: true,
  })
    .timeout({ seconds: UPLOAD_BOUNDS.seconds })
    .rotate();
  try {
    const content =
      type === 'image/jpeg'
        ? await image.jpeg({ quality: 90 }).toBuffer()
        : await image.png().toBuffer();
    return { ok: true, content };
  } catch (err) {
    const message = err instanceof Error ? err.message : '';
    return { ok: false, problem: /pixel limit|timeout/i.test(message) ? 'limits' : 'malformed' };
  }
}
