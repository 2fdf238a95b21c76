import { describe, expect, it } from 'vitest';
import {
  blockingRung,
  currentRung,
  findExternalShareBasis,
  ladderStates,
  rungOfStep,
  type Rung,
} from './external-sharing.js';
import {
  defaultReassessOn,
  isLevelAllowed,
  suggestRiskLevel,
  suggestsPoliceReport,
  type RiskAnswers,
} from './risk.js';

const none: RiskAnswers['framework1'] = { person: 'none', others: 'none', environment: 'none' };
const answers = (p: Partial<RiskAnswers>): RiskAnswers => ({
  framework1: none,
  acute: [],
  indicators: [],
  ...p,
});

describe('risk scoring', () => {
  it('is low without concerns or indicators', () =>
    expect(suggestRiskLevel(answers({}))).toBe('low'));
  it('is medium with one concern or one indicator', () => {
    expect(suggestRiskLevel(answers({ framework1: { ...none, others: 'concern' } }))).toBe(
      'medium',
    );
    expect(suggestRiskLevel(answers({ indicators: ['stalking_following'] }))).toBe('medium');
  });
  it('is high with a serious concern, a severe indicator or three indicators', () => {
    expect(suggestRiskLevel(answers({ framework1: { ...none, person: 'serious' } }))).toBe('high');
    expect(suggestRiskLevel(answers({ indicators: ['stalking_escalating'] }))).toBe('high');
    expect(
      suggestRiskLevel(
        answers({
          indicators: ['stalking_following', 'stalking_unwanted_contact', 'threat_repeated'],
        }),
      ),
    ).toBe('high');
  });
  it('is acute with any acute indicator, and then the adviser cannot choose lower', () => {
    expect(suggestRiskLevel(answers({ acute: ['acute_third_parties'] }))).toBe('acute');
    expect(isLevelAllowed('high', 'acute')).toBe(false);
    expect(isLevelAllowed('acute', 'acute')).toBe(true);
    expect(isLevelAllowed('low', 'high')).toBe(true);
  });
  it('ignores unknown indicator codes', () =>
    expect(suggestRiskLevel(answers({ indicators: ['x', 'y', 'z'], acute: ['nope'] }))).toBe(
      'low',
    ));
  it('plans the re-assessment by level', () => {
    expect(defaultReassessOn('high', '2026-12-30')).toBe('2027-01-06');
    expect(defaultReassessOn('acute', '2026-02-28')).toBe('2026-03-01');
  });
  it('says a police report is the standard for stalking and threats', () => {
    expect(suggestsPoliceReport(answers({ indicators: ['stalking_following'] }))).toBe(true);
    expect(suggestsPoliceReport(answers({ indicators: ['worrying_confused'] }))).toBe(false);
  });
});

describe('escalation ladder and external sharing', () => {
  const facts = (done: Rung[], skipped: Rung[] = []) => ({
    done: new Set(done),
    skipped: new Set(skipped),
  });
  it('climbs in order: a rung is reached only when every earlier rung is done or skipped', () => {
    expect(blockingRung('discuss_with_person', facts([]))).toBeUndefined();
    expect(blockingRung('collegial_consultation', facts([]))).toBe('discuss_with_person');
    expect(
      blockingRung('collegial_consultation', facts([], ['discuss_with_person'])),
    ).toBeUndefined();
    expect(
      blockingRung('board', facts(['discuss_with_person', 'collegial_consultation', 'framework1'])),
    ).toBe('framework2');
    expect(blockingRung(rungOfStep('mdo')!, facts(['discuss_with_person']))).toBe(
      'collegial_consultation',
    );
    expect(
      blockingRung(rungOfStep('mdo')!, facts(['discuss_with_person', 'collegial_consultation'])),
    ).toBeUndefined();
    expect(rungOfStep('hearing_accused')).toBeUndefined(); // wederhoor is beside the ladder
  });
  it('shows where the case stands on the ladder', () => {
    expect(currentRung(facts([]))).toBe('discuss_with_person');
    expect(currentRung(facts(['discuss_with_person'], ['collegial_consultation']))).toBe(
      'framework1',
    );
    expect(
      ladderStates(facts(['discuss_with_person'], ['collegial_consultation'])).map((r) => r.state),
    ).toEqual(['done', 'skipped', 'current', 'todo', 'todo', 'todo']);
    expect(
      currentRung(
        facts([
          'discuss_with_person',
          'collegial_consultation',
          'framework1',
          'framework2',
          'board',
          'share',
        ]),
      ),
    ).toBeUndefined();
  });
  const yes = {
    allOptionsUsed: true,
    consentEffortsMade: true,
    necessaryForRisk: true,
    boardConsentOn: '2026-11-20',
    acuteReason: null,
  };
  it('allows sharing outside only with framework 2 answered yes three times and the board consent', () => {
    expect(findExternalShareBasis(yes)).toBe('framework2_board');
    expect(findExternalShareBasis({ ...yes, boardConsentOn: null })).toBeUndefined();
    expect(findExternalShareBasis({ ...yes, necessaryForRisk: false })).toBeUndefined();
    expect(findExternalShareBasis({ ...yes, consentEffortsMade: false })).toBeUndefined();
    expect(findExternalShareBasis({ ...yes, allOptionsUsed: false })).toBeUndefined();
  });
  it('allows the acute override only with a reason', () => {
    const no = {
      allOptionsUsed: false,
      consentEffortsMade: false,
      necessaryForRisk: false,
      boardConsentOn: null,
    };
    expect(
      findExternalShareBasis({ ...no, acuteReason: 'Dreigt vanavond geweld te gebruiken.' }),
    ).toBe('acute_override');
    expect(findExternalShareBasis({ ...no, acuteReason: '   ' })).toBeUndefined();
  });
});
