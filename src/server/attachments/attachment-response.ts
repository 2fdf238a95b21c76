import { DOWNLOAD_CSP } from '../http/security.js';

/** Headers for a downloaded file: always as an attachment, never rendered inline. */
export function downloadHeaders(file: { name: string; mediaType: string }): Record<string, string> {
  const ascii = file.name.replace(/[^\x20-\x7e]/g, '_').replace(/"/g, '');
  return {
    'Content-Type': file.mediaType,
    'Content-Disposition': `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.name)}`,
    'Content-Security-Policy': DOWNLOAD_CSP,
  };
}
