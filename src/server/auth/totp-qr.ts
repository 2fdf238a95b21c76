import QRCode from 'qrcode';

/**
 * The otpauth link as a QR code, drawn on the server as SVG (issue 19): an authenticator app
 * scans it from the screen, with no script in the page. The caller gives the accessible name.
 */
export async function totpQrSvg(uri: string, label: string): Promise<string> {
  const svg = await QRCode.toString(uri, { type: 'svg', margin: 2, errorCorrectionLevel: 'M' });
  const name = label.replace(
    /[&<>"]/g,
    (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[ch]!,
  );
  return svg.replace(
    '<svg ',
    `<svg role="img" aria-label="${name}" width="200" height="200" class="totp-qr" data-testid="totp-qr" `,
  );
}
