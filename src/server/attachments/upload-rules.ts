import { cleanImage } from './clean-image.js';
import { cleanPdfInWorker } from './run-pdf-worker.js';

/** What the reporting point accepts as evidence: images and PDF, of limited size and number. */
export const MAX_FILE_BYTES = 10 * 1024 * 1024;
export const MAX_FILES = 3;
/** Request body limit for the routes that accept uploads (app.tsx); other routes keep 1 MiB. */
export const UPLOAD_BODY_BYTES = MAX_FILES * MAX_FILE_BYTES + 256 * 1024;

export type MediaType = 'image/jpeg' | 'image/png' | 'application/pdf';
export type UploadProblem = 'type' | 'size' | 'malformed' | 'count' | 'limits' | 'busy';

export interface CleanFile {
  name: string;
  mediaType: MediaType;
  content: Buffer;
}

/** The type comes from the file's first bytes, never from its name or the browser's claim. */
export function detectMediaType(bytes: Buffer): MediaType | undefined {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff)
    return 'image/jpeg';
  if (
    bytes.length >= 8 &&
    bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
  )
    return 'image/png';
  if (bytes.length >= 5 && bytes.toString('latin1', 0, 5) === '%PDF-') return 'application/pdf';
  return undefined;
}

/** Keeps only what the eye sees: photos re-encoded, PDFs rebuilt from pictures of their pages. */
async function clean(
  type: MediaType,
  bytes: Buffer,
): Promise<{ ok: true; content: Buffer } | { ok: false; problem: UploadProblem }> {
  if (type !== 'application/pdf') return cleanImage(bytes, type);
  const result = await cleanPdfInWorker(bytes);
  return result.ok ? { ok: true, content: Buffer.from(result.pdf) } : result;
}

/** A safe display name: no path, no control characters, at most 120 characters. */
export function cleanFileName(name: string, type: MediaType): string {
  const base = name
    .split(/[\\/]/)
    .pop()!
    .replace(/[\u0000-\u001f\u007f"<>|*?:]/g, '')
    .trim()
    .slice(0, 120);
  const ext = { 'image/jpeg': '.jpg', 'image/png': '.png', 'application/pdf': '.pdf' }[type];
  return base || `bestand${ext}`;
}

/**
 * Checks and cleans every file before anything is stored: one bad file refuses them all,
 * so that an upload is never half kept.
 */
export async function prepareUploads(
  uploaded: File[],
): Promise<{ ok: true; files: CleanFile[] } | { ok: false; problem: UploadProblem }> {
  const present = uploaded.filter((f) => f.size > 0 || f.name !== '');
  if (present.length > MAX_FILES) return { ok: false, problem: 'count' };
  const files: CleanFile[] = [];
  for (const file of present) {
    if (file.size === 0) return { ok: false, problem: 'malformed' };
    if (file.size > MAX_FILE_BYTES) return { ok: false, problem: 'size' };
    const bytes = Buffer.from(await file.arrayBuffer());
    const type = detectMediaType(bytes);
    if (!type) return { ok: false, problem: 'type' };
    const cleaned = await clean(type, bytes);
    if (!cleaned.ok) return cleaned;
    files.push({ name: cleanFileName(file.name, type), mediaType: type, content: cleaned.content });
  }
  return { ok: true, files };
}

/** File fields of a parsed multipart body (parseBody({ all: true })). */
export function filesOf(body: Record<string, unknown>, field: string): File[] {
  const value = body[field];
  const list = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return list.filter((v): v is File => v instanceof File);
}

/** The routes that take files (multipart): only these get the larger body limit. */
export function isUploadPath(path: string): boolean {
  return (
    path === '/melden' ||
    path === '/postbus/berichten' ||
    /^\/cases\/[0-9a-f-]{36}\/(messages|documents)$/.test(path) ||
    /^\/threat-log\/[0-9a-f-]{36}$/.test(path)
  );
}
