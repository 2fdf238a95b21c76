import zlib from 'node:zlib';

/**
 * Rewrites a PNG without its text, EXIF and time chunks, checking every chunk's CRC on the
 * way. Returns undefined for a malformed file.
 */
const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const DROPPED = new Set(['tEXt', 'zTXt', 'iTXt', 'eXIf', 'tIME', 'iCCP']);

export function stripPng(input: Buffer): Buffer | undefined {
  if (input.length < 8 || !input.subarray(0, 8).equals(SIGNATURE)) return undefined;
  const parts: Buffer[] = [SIGNATURE];
  let pos = 8;
  let first = true;
  while (pos + 12 <= input.length) {
    const length = input.readUInt32BE(pos);
    const end = pos + 12 + length;
    if (end > input.length) return undefined;
    const type = input.toString('latin1', pos + 4, pos + 8);
    const crc = input.readUInt32BE(end - 4);
    if (zlib.crc32(input.subarray(pos + 4, end - 4)) !== crc) return undefined;
    if (first && type !== 'IHDR') return undefined;
    first = false;
    if (!DROPPED.has(type)) parts.push(input.subarray(pos, end));
    pos = end;
    if (type === 'IEND') return Buffer.concat(parts);
  }
  return undefined;
}
