import { describe, expect, it } from 'vitest';
import { TestClient } from './support/http-client.js';
import { useTestApp } from './support/use-test-app.js';

const t = useTestApp();

const description = (html: string) => /<meta name="description" content="([^"]*)"/.exec(html)?.[1];

describe('search engines and standards mode (issue 25)', () => {
  it('serves every page with a doctype, public, staff and error pages alike', async () => {
    const client = new TestClient(t.app, 'nl');
    for (const path of [
      '/',
      '/wegwijzer',
      '/melden',
      '/postbus',
      '/login',
      '/login/forgot',
      '/no-such-page',
    ]) {
      await client.get(path);
      expect(client.lastHtml.startsWith('<!DOCTYPE html><html lang="nl">'), path).toBe(true);
    }
  });

  it('lets search engines index the home page, the guide and the intake start, with a description in the page language', async () => {
    for (const path of ['/', '/wegwijzer', '/melden']) {
      const nl = new TestClient(t.app, 'nl');
      const res = await nl.get(path);
      expect(res.headers.get('x-robots-tag'), path).toBeNull();
      expect(description(nl.lastHtml), path).toMatch(/ongewenst gedrag/i);
      const en = new TestClient(t.app, 'en');
      await en.get(path);
      expect(description(en.lastHtml), path).toMatch(/undesirable behaviour/i);
    }
  });

  it('keeps question pages, the mailbox, the staff area and the answers to forms out of search engines', async () => {
    const client = new TestClient(t.app, 'nl');
    for (const path of [
      '/postbus',
      '/login',
      '/login/forgot',
      '/wegwijzer/advies?need=listen&who=student',
      '/setup/abc',
      '/cases',
      '/no-such-page',
    ]) {
      const res = await client.get(path);
      expect(res.headers.get('x-robots-tag'), path).toBe('noindex, nofollow');
    }
    // Public pages that are not indexed still describe the reporting point (a shared link shows it); staff pages do not.
    await client.get('/postbus');
    expect(description(client.lastHtml)).toMatch(/ongewenst gedrag melden/);
    await client.get('/login');
    expect(description(client.lastHtml)).toBeUndefined();
    // A question page after the first is a POST answer.
    await client.get('/melden');
    const res = await client.post('/melden/vraag', { step: 'nonsense' });
    expect(res.headers.get('x-robots-tag')).toBe('noindex, nofollow');
  });

  it('says the same in robots.txt', async () => {
    const res = await t.app.request('/robots.txt');
    expect(res.status).toBe(200);
    expect(await res.text()).toBe(
      'User-agent: *\nAllow: /$\nAllow: /wegwijzer$\nAllow: /melden$\nAllow: /assets/\nAllow: /favicon.ico$\nDisallow: /\n',
    );
  });

  it('serves a favicon and a touch icon from its own origin, cached', async () => {
    const ico = await t.app.request('/favicon.ico');
    expect(ico.status).toBe(200);
    expect(ico.headers.get('content-type')).toBe('image/x-icon');
    expect(ico.headers.get('cache-control')).toBe('public, max-age=86400');
    const bytes = Buffer.from(await ico.arrayBuffer());
    expect([...bytes.subarray(0, 6)]).toEqual([0, 0, 1, 0, 1, 0]); // an icon file with one image
    expect(bytes.subarray(22, 30).toString('latin1')).toBe('\x89PNG\r\n\x1a\n');

    const client = new TestClient(t.app, 'nl');
    await client.get('/');
    const touch = /<link rel="apple-touch-icon" href="([^"]+)"/.exec(client.lastHtml)![1]!;
    const png = await t.app.request(touch);
    expect(png.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const data = Buffer.from(await png.arrayBuffer());
    expect([data.readUInt32BE(16), data.readUInt32BE(20)]).toEqual([180, 180]); // IHDR width and height
  });
});
