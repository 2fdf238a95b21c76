import zlib from 'node:zlib';

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(zlib.crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/**
 * A real RGB PNG of noise (stored, not compressed, so that its size is about width×height×3
 * bytes), with a tEXt chunk carrying `secret` — metadata the upload must strip.
 */
export function noisePng(
  width: number,
  height: number,
  secret = 'Author Jan Jansen',
  extra: Buffer[] = [],
): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.writeUInt8(8, 8); // bit depth
  ihdr.writeUInt8(2, 9); // colour type RGB
  const raw = Buffer.alloc((width * 3 + 1) * height);
  let seed = 7;
  for (let i = 0; i < raw.length; i++) {
    if (i % (width * 3 + 1) === 0) continue; // filter byte 0
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    raw[i] = seed >> 16;
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('tEXt', Buffer.from(`Comment\0${secret}`, 'latin1')),
    chunk('IDAT', zlib.deflateSync(raw, { level: 0 })),
    ...extra,
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/**
 * A PNG that carries `secret` in a private ancillary chunk (`prVt`), which decoders skip and a
 * list of known metadata chunks does not name: only re-encoding removes it.
 */
export function pngWithPrivateChunk(secret: string): Buffer {
  return noisePng(16, 16, 'Comment', [chunk('prVt', Buffer.from(secret, 'latin1'))]);
}
