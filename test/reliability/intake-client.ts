import crypto from 'node:crypto';

/**
 * A reporter's browser against a real server over HTTP: one CSRF cookie and token (taken
 * from the form page) serve many submissions; each submission has its own idempotency key.
 */
export interface IntakeSession {
  cookie: string;
  csrf: string;
  team: string;
}

export async function openIntakeSession(baseUrl: string): Promise<IntakeSession> {
  const res = await fetch(`${baseUrl}/melden`);
  const html = await res.text();
  if (res.status !== 200) throw new Error(`GET /melden answered ${res.status}`);
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const csrf = /name="_csrf" value="([^"]+)"/.exec(html)?.[1];
  const team = /name="team" value="([^"]+)"/.exec(html)?.[1] ?? 'students';
  if (!csrf) throw new Error('no CSRF token in /melden');
  return { cookie, csrf, team };
}

export function newIdempotencyKey(): string {
  return crypto.randomBytes(18).toString('base64url');
}

export function intakeBody(
  session: IntakeSession,
  idempotencyKey: string,
  anonymous: boolean,
): string {
  const form: Record<string, string> = {
    _csrf: session.csrf,
    team: session.team,
    idempotencyKey,
    category: 'intimidation',
    subtype: 'sexual',
    narrative: 'Tijdens het werkcollege werd ik herhaaldelijk uitgescholden door een medestudent.',
    location: 'campus',
    reporterRole: 'student',
    accusedRole: 'student',
    goal: 'advice',
    anonymous: anonymous ? 'yes' : 'no',
  };
  if (!anonymous) Object.assign(form, { name: 'Bench Reporter', contact: 'reporter@example.test' });
  return new URLSearchParams(form).toString();
}

export type SubmitOutcome =
  | { kind: 'acknowledged'; reference: string }
  | { kind: 'refused'; status: number; body: string }
  | { kind: 'failed'; error: string };

/** One POST /melden; "acknowledged" only when the acknowledgement page with a reference came back. */
export async function submitIntake(
  baseUrl: string,
  session: IntakeSession,
  idempotencyKey: string,
  anonymous = true,
): Promise<SubmitOutcome> {
  try {
    const res = await fetch(`${baseUrl}/melden`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        cookie: session.cookie,
        'accept-language': 'en',
      },
      body: intakeBody(session, idempotencyKey, anonymous),
      signal: AbortSignal.timeout(20_000),
    });
    const body = await res.text();
    const reference = /data-testid="reference">([^<]+)</.exec(body)?.[1];
    if (res.status === 200 && reference) return { kind: 'acknowledged', reference };
    return { kind: 'refused', status: res.status, body };
  } catch (err) {
    return { kind: 'failed', error: (err as Error).message };
  }
}
