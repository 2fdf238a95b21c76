import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { LOGO_MAX_BYTES, prepareLogo } from '../src/server/tenancy/logo.js';
import { noisePng, pngWithPrivateChunk } from './support/images.js';

/**
 * Decision 038: an institution's logo is PNG or JPEG by its first bytes, ends where its format
 * ends, is at most 512 KB, and is re-encoded so only its pixels are served.
 */
const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

describe('an institution logo', () => {
  it('accepts a PNG and a JPEG, re-encoded without their metadata and scaled to fit the header', async () => {
    const png = await prepareLogo(pngWithPrivateChunk('Private: Jan Jansen'));
    expect(png.ok && png.logo.contentType).toBe('image/png');
    expect(png.ok && png.logo.body.includes(Buffer.from('Jan Jansen'))).toBe(false);
    const big = await sharp({
      create: { width: 1200, height: 400, channels: 3, background: '#00598a' },
    })
      .jpeg()
      .withMetadata({ exif: { IFD0: { Artist: 'Piet Puk' } } })
      .toBuffer();
    expect(big.includes(Buffer.from('Piet Puk'))).toBe(true);
    const jpeg = await prepareLogo(big);
    expect(jpeg.ok).toBe(true);
    if (!jpeg.ok) return;
    expect(jpeg.logo.contentType).toBe('image/jpeg');
    expect([jpeg.logo.width, jpeg.logo.height]).toEqual([480, 160]);
    expect(jpeg.logo.body.includes(Buffer.from('Piet Puk'))).toBe(false);
    expect(jpeg.logo.body.subarray(0, 3)).toEqual(Buffer.from([0xff, 0xd8, 0xff]));
  });

  it('refuses SVG (even named and typed as PNG), GIF and HTML', async () => {
    const svg = Buffer.from(
      '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>',
    );
    expect(await prepareLogo(svg)).toEqual({ ok: false, problem: 'type' });
    expect(await prepareLogo(Buffer.from('GIF89a\x01\x00\x01\x00', 'latin1'))).toEqual({
      ok: false,
      problem: 'type',
    });
    expect(await prepareLogo(Buffer.from('<!doctype html><script>x</script>'))).toEqual({
      ok: false,
      problem: 'type',
    });
  });

  it('refuses a polyglot: a real image with a script or archive after its end', async () => {
    const png = noisePng(16, 16);
    const withHtml = Buffer.concat([png, Buffer.from('<html><script>alert(1)</script></html>')]);
    expect(await prepareLogo(withHtml)).toEqual({ ok: false, problem: 'trailing_data' });
    const jpeg = await sharp({
      create: { width: 8, height: 8, channels: 3, background: '#000' },
    })
      .jpeg()
      .toBuffer();
    const withZip = Buffer.concat([jpeg, Buffer.from('PK\x03\x04 an archive', 'latin1')]);
    expect(await prepareLogo(withZip)).toEqual({ ok: false, problem: 'trailing_data' });
  });

  it('refuses a file that only starts like an image', async () => {
    const fake = Buffer.concat([
      PNG_MAGIC,
      Buffer.from('not really a png'),
      noisePng(1, 1).subarray(-12), // and even ends like one
    ]);
    expect(await prepareLogo(fake)).toEqual({ ok: false, problem: 'unreadable' });
  });

  it('refuses an empty file and one larger than 512 KB', async () => {
    expect(await prepareLogo(Buffer.alloc(0))).toEqual({ ok: false, problem: 'empty' });
    const large = noisePng(420, 420); // stored uncompressed: about 530 KB
    expect(large.length).toBeGreaterThan(LOGO_MAX_BYTES);
    expect(await prepareLogo(large)).toEqual({ ok: false, problem: 'too_large' });
  });
});
