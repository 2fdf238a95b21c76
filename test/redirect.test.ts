import { describe, expect, it } from 'vitest';
import { TestClient } from './support/http-client.js';
import { useTestApp } from './support/use-test-app.js';

// Issue 15 finding 5: a `next` target never leaves the site, however it is spelled.
const t = useTestApp();

async function redirectOf(next: string): Promise<string> {
  const res = await new TestClient(t.app).get(`/lang/en?next=${next}`);
  expect(res.status).toBe(303);
  return res.headers.get('location')!;
}

/** Where a browser on our site goes with this Location: resolved the way browsers resolve it. */
const hostAfter = (location: string) => new URL(location, 'http://meldpunt.test').host;

describe('redirect targets', () => {
  it.each([
    ['/\\evil.example', 'backslash'],
    ['/%09/evil.example', 'tab'],
    ['/%0a/evil.example', 'newline'],
    ['//evil.example', 'scheme-relative'],
    ['%5C%5Cevil.example', 'two backslashes'],
    ['https://evil.example/', 'absolute'],
    ['https:evil.example', 'scheme without slashes'],
    ['javascript:alert(1)', 'javascript'],
  ])('refuses %s (%s) and goes home', async (next) => {
    const location = await redirectOf(next);
    expect(hostAfter(location)).toBe('meldpunt.test');
    expect(location).toBe('/');
  });

  it('keeps a path on our own site, with its query', async () => {
    expect(await redirectOf(encodeURIComponent('/melden?x=1'))).toBe('/melden?x=1');
    expect(await redirectOf('/postbus')).toBe('/postbus');
  });
});
