import crypto from 'node:crypto';
import type { Keyring } from '../crypto/keyring.js';
import { open, seal } from '../crypto/seal.js';

/**
 * The answers given so far on the intake's question pages travel sealed in one hidden field
 * (docs/decisions/005-intake-drafts.md): AES-256-GCM under a key derived from the current
 * master key, bound to the browser's CSRF token, valid for a few hours. Nothing is stored
 * until the reporter sends the report.
 */
export type Answers = Record<string, string>;

export const DRAFT_FIELD = 'draft';
const LIFETIME_MS = 4 * 3600_000;

function draftKey(keyring: Keyring, masterKeyId: string): Buffer {
  return Buffer.from(
    crypto.hkdfSync(
      'sha256',
      keyring.masterKey(masterKeyId),
      Buffer.alloc(0),
      'meldpunt intake draft',
      32,
    ),
  );
}

const aadFor = (csrfToken: string) => `intake-draft:${csrfToken}`;

export function sealDraft(
  keyring: Keyring,
  csrfToken: string,
  answers: Answers,
  now = new Date(),
): string {
  const id = keyring.currentMasterKeyId;
  const body = JSON.stringify({ at: now.getTime(), answers });
  return `${id}.${seal(draftKey(keyring, id), body, aadFor(csrfToken)).toString('base64url')}`;
}

/** The answers of a draft made in this browser and not yet expired; undefined otherwise. */
export function openDraft(
  keyring: Keyring,
  csrfToken: string,
  draft: string | undefined,
  now = new Date(),
): Answers | undefined {
  if (!draft) return undefined;
  const dot = draft.lastIndexOf('.');
  if (dot < 1) return undefined;
  try {
    const plain = open(
      draftKey(keyring, draft.slice(0, dot)),
      Buffer.from(draft.slice(dot + 1), 'base64url'),
      aadFor(csrfToken),
    );
    const parsed = JSON.parse(plain.toString('utf8')) as { at: number; answers: Answers };
    if (!(now.getTime() - parsed.at < LIFETIME_MS)) return undefined;
    return Object.fromEntries(
      Object.entries(parsed.answers).filter(([, v]) => typeof v === 'string'),
    );
  } catch {
    return undefined;
  }
}
