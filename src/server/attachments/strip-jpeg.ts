/**
 * Rewrites a JPEG without its metadata segments: APP1–APP13 and APP15 (EXIF, XMP, IPTC,
 * maker notes, ICC) and comments. APP0 (JFIF) and APP14 (Adobe colour transform) carry no
 * personal data and are needed to decode some files. Returns undefined for a malformed file.
 */
const SOI = 0xd8;
const SOS = 0xda;
const EOI = 0xd9;

function isMetadata(marker: number): boolean {
  return (marker >= 0xe1 && marker <= 0xed) || marker === 0xef || marker === 0xfe;
}

export function stripJpeg(input: Buffer): Buffer | undefined {
  if (input.length < 4 || input[0] !== 0xff || input[1] !== SOI) return undefined;
  const parts: Buffer[] = [input.subarray(0, 2)];
  let pos = 2;
  while (pos + 4 <= input.length) {
    if (input[pos] !== 0xff) return undefined;
    const marker = input[pos + 1]!;
    if (marker === 0xff) {
      pos++; // fill byte
      continue;
    }
    const length = input.readUInt16BE(pos + 2);
    if (length < 2 || pos + 2 + length > input.length) return undefined;
    if (marker === SOS) {
      const rest = input.subarray(pos);
      if (rest.length < 4 || rest[rest.length - 2] !== 0xff || rest[rest.length - 1] !== EOI) return undefined;
      parts.push(rest);
      return Buffer.concat(parts);
    }
    if (!isMetadata(marker)) parts.push(input.subarray(pos, pos + 2 + length));
    pos += 2 + length;
  }
  return undefined;
}
