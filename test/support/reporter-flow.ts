import type { Hono } from 'hono';
import type { AppEnv } from '../../src/server/http/env.js';
import { expect } from 'vitest';
import { TestClient } from './http-client.js';

/** Helpers for the reporter's side: intake, multipart posts, the mailbox sign-in. */

export function intakeFields(
  client: TestClient,
  overrides: Record<string, string> = {},
): Record<string, string> {
  return {
    team: 'students',
    idempotencyKey: client.inputValue('idempotencyKey'),
    category: 'intimidation',
    subtype: '',
    narrative: 'Een docent stuurt mij 7c1e berichten die ik niet wil.',
    location: 'online',
    reporterRole: 'student',
    accusedRole: 'staff',
    goal: 'advice',
    anonymous: 'yes',
    ...overrides,
  };
}

/** POSTs multipart/form-data the way a browser without JavaScript does, CSRF token included. */
export async function postMultipart(
  client: TestClient,
  path: string,
  fields: Record<string, string>,
  files: { field: string; name: string; type: string; bytes: Uint8Array }[] = [],
) {
  const form = new FormData();
  form.set('_csrf', client.csrfToken());
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  for (const f of files)
    form.append(f.field, new File([new Uint8Array(f.bytes)], f.name, { type: f.type }));
  return client.send(path, { method: 'POST', body: form });
}

export async function reportAnonymously(
  app: Hono<AppEnv>,
  files: Parameters<typeof postMultipart>[3] = [],
  overrides: Record<string, string> = {},
) {
  const client = new TestClient(app);
  await client.get('/melden');
  const res = await postMultipart(client, '/melden', intakeFields(client, overrides), files);
  expect(res.status).toBe(200);
  const receipt = /data-testid="receipt">([^<]+)</.exec(client.lastHtml)?.[1] ?? '';
  const reference = /data-testid="reference">([^<]+)</.exec(client.lastHtml)?.[1] ?? '';
  return { client, receipt, reference, idempotencyKey: client.inputValue('idempotencyKey') };
}

export async function openMailbox(app: Hono<AppEnv>, receipt: string, lang?: 'nl' | 'en') {
  const client = new TestClient(app, lang);
  await client.get('/postbus');
  const res = await client.post('/postbus', { receipt });
  return { client, res };
}

/** Signs in to the mailbox and downloads its first file, as the reporter's browser would. */
export async function downloadFirstMailboxFile(
  app: Hono<AppEnv>,
  receipt: string,
): Promise<{ bytes: Buffer; type: string | null; disposition: string | null }> {
  const { client } = await openMailbox(app, receipt);
  await client.get('/postbus/inbox');
  const href = /href="(\/postbus\/bestanden\/[0-9a-f-]+)"/.exec(client.lastHtml)?.[1];
  expect(href).toBeDefined();
  const res = await client.get(href!);
  expect(res.status).toBe(200);
  return {
    bytes: Buffer.from(await res.arrayBuffer()),
    type: res.headers.get('content-type'),
    disposition: res.headers.get('content-disposition'),
  };
}

/** A minimal baseline JPEG (1×1) with an EXIF segment that names a camera owner and a place. */
export const JPEG_BODY = Buffer.from(
  '/9j/4AAQSkZJRgABAQEASABIAAD/2wBDAP//////////////////////////////////////////////////////////////////////////////////////wgALCAABAAEBAREA/8QAFBABAAAAAAAAAAAAAAAAAAAAAP/aAAgBAQABPxA=',
  'base64',
);
export const EXIF_SECRET = 'Owner Jan Jansen GPS 50.8514N 5.6910E';

export function jpegWithExif(): Buffer {
  const text = Buffer.from(`${EXIF_SECRET}\0`, 'latin1');
  // TIFF header (big-endian), one IFD entry: Artist (0x013B), ASCII, pointing past the IFD.
  const tiff = Buffer.alloc(8 + 2 + 12 + 4);
  tiff.write('MM', 0, 'latin1');
  tiff.writeUInt16BE(42, 2);
  tiff.writeUInt32BE(8, 4);
  tiff.writeUInt16BE(1, 8);
  tiff.writeUInt16BE(0x013b, 10);
  tiff.writeUInt16BE(2, 12);
  tiff.writeUInt32BE(text.length, 14);
  tiff.writeUInt32BE(tiff.length, 18);
  tiff.writeUInt32BE(0, 22);
  const payload = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiff, text]);
  const app1 = Buffer.alloc(4);
  app1.writeUInt16BE(0xffe1, 0);
  app1.writeUInt16BE(payload.length + 2, 2);
  return Buffer.concat([
    JPEG_BODY.subarray(0, 2),
    app1,
    payload,
    JPEG_BODY.subarray(2),
    Buffer.from([0xff, 0xd9]),
  ]);
}

/** The JPEG segment markers before the scan, e.g. [0xe0, 0xdb, 0xc2, 0xc4]. */
export function jpegMarkers(bytes: Buffer): number[] {
  const markers: number[] = [];
  let pos = 2;
  while (pos + 4 <= bytes.length && bytes[pos] === 0xff) {
    const marker = bytes[pos + 1]!;
    markers.push(marker);
    if (marker === 0xda) break;
    pos += 2 + bytes.readUInt16BE(pos + 2);
  }
  return markers;
}
