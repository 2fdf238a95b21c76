import http from 'node:http';
import { percentile } from './stats.js';

/** Bytes on the wire (gzip, as a browser asks) of a page plus its stylesheets, and render time. */
export async function measurePublicPage(baseUrl: string, path: string, samples = 100) {
  const page = await get(`${baseUrl}${path}`);
  const css = [
    ...page.body.toString('utf8').matchAll(/<link[^>]+rel="stylesheet"[^>]+href="([^"]+)"/g),
  ].map((m) => m[1]!);
  let cssBytes = 0;
  for (const href of css) cssBytes += (await get(new URL(href, baseUrl).toString())).wireBytes;
  const ms: number[] = [];
  for (let i = 0; i < samples; i++) {
    const started = performance.now();
    await get(`${baseUrl}${path}`);
    ms.push(performance.now() - started);
  }
  ms.sort((a, b) => a - b);
  return { htmlBytes: page.wireBytes, cssBytes, p50: percentile(ms, 50), p99: percentile(ms, 99) };
}

function get(url: string): Promise<{ wireBytes: number; body: Buffer }> {
  return new Promise((resolve, reject) => {
    http
      .get(
        url,
        { headers: { 'accept-encoding': 'gzip, deflate, br', 'accept-language': 'nl' } },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            const raw = Buffer.concat(chunks);
            const enc = res.headers['content-encoding'];
            const zlib = import('node:zlib');
            void zlib.then((z) => {
              const body =
                enc === 'gzip'
                  ? z.gunzipSync(raw)
                  : enc === 'br'
                    ? z.brotliDecompressSync(raw)
                    : enc === 'deflate'
                      ? z.inflateSync(raw)
                      : raw;
              resolve({ wireBytes: raw.length, body });
            }, reject);
          });
        },
      )
      .on('error', reject);
  });
}
