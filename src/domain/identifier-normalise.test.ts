import { describe, expect, it } from 'vitest';
import { normaliseIdentifier, normaliseReporterContact } from './identifier-normalise.js';

const n = (
  kind: 'email' | 'person_number' | 'name_unit' | 'social',
  value: string,
  qualifier?: string,
) => normaliseIdentifier({ kind, value, qualifier });

describe('normaliseIdentifier', () => {
  it('matches institutional e-mail regardless of case, surrounding whitespace and plus-aliases', () => {
    expect(n('email', 'J.Jansen@uni.nl')).toBe('email:j.jansen@uni.nl');
    expect(n('email', ' j.jansen@UNI.nl')).toBe(n('email', 'J.Jansen@uni.nl'));
    expect(n('email', 'j.jansen+meldpunt@uni.nl')).toBe('email:j.jansen@uni.nl');
  });

  it('keeps dots in the local part: j.jansen and jjansen are different mailboxes', () => {
    expect(n('email', 'jjansen@uni.nl')).not.toBe(n('email', 'j.jansen@uni.nl'));
  });

  it('refuses what is not an e-mail address', () => {
    expect(n('email', 'jansen')).toBeUndefined();
    expect(n('email', '+x@uni.nl')).toBeUndefined();
  });

  it('normalises student and staff numbers', () => {
    expect(n('person_number', ' S 123-4567 ')).toBe('number:s1234567');
    expect(n('person_number', 's1234567')).toBe(n('person_number', 'S1234567'));
    expect(n('person_number', 'abc')).toBeUndefined();
  });

  it('matches names regardless of diacritics, case, whitespace, punctuation and order, within the same unit', () => {
    const a = n('name_unit', 'José  van der Berg', 'Faculteit Rechten');
    expect(a).toBe(n('name_unit', 'jose VAN DER berg', 'faculteit rechten'));
    expect(a).toBe(n('name_unit', 'Berg, José van der', ' Faculteit  Rechten '));
    expect(n('name_unit', 'Anaïs Müller', '')).toBe(n('name_unit', 'Anais Muller', ''));
    expect(a).not.toBe(n('name_unit', 'José van der Berg', 'Faculteit Geneeskunde'));
  });

  it('matches a profile URL with its handle on the same platform', () => {
    const handle = n('social', '@JJansen_99', 'instagram');
    expect(handle).toBe('social:instagram:jjansen_99');
    for (const url of [
      'https://www.instagram.com/jjansen_99/',
      'http://instagram.com/JJansen_99?hl=nl',
      'instagram.com/jjansen_99#top',
    ]) {
      expect(n('social', url)).toBe(handle);
    }
    expect(n('social', 'https://twitter.com/jjansen')).toBe(n('social', '@jjansen', 'x'));
    expect(n('social', 'https://x.com/jjansen/status/1')).toBe('social:x:jjansen');
    expect(n('social', 'https://www.tiktok.com/@jjansen')).toBe(n('social', 'jjansen', 'tiktok'));
    expect(n('social', 'https://nl.linkedin.com/in/jan-jansen/')).toBe(
      n('social', 'jan-jansen', 'linkedin'),
    );
    expect(n('social', 'https://www.linkedin.com/in/jan-jansen/')).toBe(
      n('social', 'jan-jansen', 'linkedin'),
    );
    expect(n('social', 'https://www.facebook.com/profile.php?id=10001')).toBe(
      'social:facebook:10001',
    );
  });

  it('does not confuse the same handle on different platforms, and needs a platform for a bare handle', () => {
    expect(n('social', '@jjansen', 'instagram')).not.toBe(n('social', '@jjansen', 'tiktok'));
    expect(n('social', '@jjansen')).toBeUndefined();
  });

  it('reduces other URLs to host and path', () => {
    expect(n('social', 'https://www.example.org/Users/JJ/?ref=1')).toBe('url:example.org/users/jj');
  });
});

describe('normaliseReporterContact', () => {
  it('counts a named reporter once however the contact is written', () => {
    expect(normaliseReporterContact(' M.Visser+x@Student.uni.nl')).toBe(
      normaliseReporterContact('m.visser@student.uni.nl'),
    );
    expect(normaliseReporterContact('+31 6 1234 5678')).toBe(
      normaliseReporterContact('06-12345678'),
    );
  });
});
