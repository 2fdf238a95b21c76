import fs from 'node:fs';
import crypto from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Resvg } from '@resvg/resvg-js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** The icon as PNG, drawn from public/icon.svg (touch icons, and inside favicon.ico). */
function iconPng(svg: string, size: number): Uint8Array<ArrayBuffer> {
  return new Uint8Array(new Resvg(svg, { fitTo: { mode: 'width', value: size } }).render().asPng());
}

/** A .ico file holding one PNG image (allowed since Windows Vista; every current browser reads it). */
function icoOf(png: Uint8Array<ArrayBuffer>, size: number): Uint8Array<ArrayBuffer> {
  const header = Buffer.alloc(22);
  header.writeUInt16LE(0, 0); // reserved
  header.writeUInt16LE(1, 2); // type: icon
  header.writeUInt16LE(1, 4); // one image
  header.writeUInt8(size, 6); // width
  header.writeUInt8(size, 7); // height
  header.writeUInt16LE(1, 10); // colour planes
  header.writeUInt16LE(32, 12); // bits per pixel
  header.writeUInt32LE(png.length, 14);
  header.writeUInt32LE(22, 18); // offset of the image
  return new Uint8Array(Buffer.concat([header, png]));
}

const iconSvg = fs.readFileSync(path.join(root, 'public/icon.svg'), 'utf8');

/**
 * Stylesheets, script and icons, read once at start-up and served from our origin only (no third
 * parties). utrecht.css is the part of the NL Design System (Utrecht) components and design
 * tokens that our pages use, made by scripts/trim-css.ts; app.css is our own small sheet.
 */
export const ASSETS: Record<string, { body: string | Uint8Array<ArrayBuffer>; type: string }> = {
  'utrecht.css': {
    body: fs.readFileSync(path.join(root, 'public/utrecht.css'), 'utf8'),
    type: 'text/css; charset=utf-8',
  },
  'app.css': {
    body: fs.readFileSync(path.join(root, 'public/app.css'), 'utf8'),
    type: 'text/css; charset=utf-8',
  },
  'icon.svg': { body: iconSvg, type: 'image/svg+xml' },
  'apple-touch-icon.png': { body: iconPng(iconSvg, 180), type: 'image/png' },
  'favicon.ico': { body: icoOf(iconPng(iconSvg, 32), 32), type: 'image/x-icon' },
  'quick-exit.js': {
    body: fs.readFileSync(path.join(root, 'public/quick-exit.js'), 'utf8'),
    type: 'text/javascript; charset=utf-8',
  },
  'proof-of-work-worker.js': {
    body: fs.readFileSync(path.join(root, 'public/proof-of-work-worker.js'), 'utf8'),
    type: 'text/javascript; charset=utf-8',
  },
  'proof-of-work.js': {
    body: fs.readFileSync(path.join(root, 'public/proof-of-work.js'), 'utf8'),
    type: 'text/javascript; charset=utf-8',
  },
  'webauthn.js': {
    body: fs.readFileSync(path.join(root, 'public/webauthn.js'), 'utf8'),
    type: 'text/javascript; charset=utf-8',
  },
};

export const ASSET_VERSION = crypto
  .createHash('sha256')
  .update(Buffer.concat(Object.values(ASSETS).map((a) => Buffer.from(a.body))))
  .digest('hex')
  .slice(0, 12);
