import { describe, expect, it } from 'vitest';
import { detectPii, listUnresolved } from './pii-detector.js';

const kinds = (text: string, names: string[] = []) =>
  detectPii(text, names).map((f) => [f.kind, f.text]);

describe('PII detector', () => {
  it('finds e-mail addresses', () => {
    expect(kinds('Mail haar op j.jansen@student.maastrichtuniversity.nl als het kan.')).toEqual([
      ['email', 'j.jansen@student.maastrichtuniversity.nl'],
    ]);
  });

  it('finds Dutch and international phone numbers in their usual formats', () => {
    for (const phone of [
      '06-12345678',
      '06 1234 5678',
      '+31 6 12345678',
      '0031612345678',
      '043-3881234',
      '(043) 388 1234',
      '+44 20 7946 0958',
    ]) {
      expect(kinds(`Bel ${phone} na vijven.`), phone).toEqual([['phone', phone]]);
    }
  });

  it('finds student and staff numbers', () => {
    expect(kinds('Studentnummer i6123456, personeelsnummer 1234567.')).toEqual([
      ['person_number', 'i6123456'],
      ['person_number', '1234567'],
    ]);
  });

  it('finds dates with a year as possible dates of birth, numeric and written', () => {
    expect(kinds('Geboren 03-04-1999 of op 12 maart 2001, ISO 2000-01-31.')).toEqual([
      ['date_of_birth', '03-04-1999'],
      ['date_of_birth', '12 maart 2001'],
      ['date_of_birth', '2000-01-31'],
    ]);
  });

  it('finds the known names of the case parties, also a surname alone and in any case', () => {
    expect(kinds('Volgens pietersen gebeurde het vaker.', ['Karel Pietersen'])).toEqual([
      ['name', 'pietersen'],
    ]);
  });

  it('finds capitalised name patterns and names after a title, but not sentence starts or weekdays', () => {
    expect(kinds('Een medewerker, Anna de Boer, sprak met dhr. Bakker.')).toEqual([
      ['name', 'Anna de Boer'],
      ['name', 'dhr. Bakker'],
    ]);
    expect(kinds('De student werd op Maandag Ochtend gevolgd.')).toEqual([]);
  });

  it('leaves an anonymised summary alone', () => {
    expect(
      detectPii(
        'Een promovendus wordt al maanden gevolgd door een oud-collega; de dreiging neemt toe.',
      ),
    ).toEqual([]);
  });

  it('keeps a finding unresolved until it is confirmed or removed', () => {
    const findings = detectPii('Bel 06-12345678 of mail a@b.nl');
    expect(listUnresolved(findings, []).map((f) => f.kind)).toEqual(['phone', 'email']);
    expect(listUnresolved(findings, [findings[0]!.key]).map((f) => f.kind)).toEqual(['email']);
    expect(listUnresolved(detectPii('Bel de adviseur.'), [])).toEqual([]);
  });
});
