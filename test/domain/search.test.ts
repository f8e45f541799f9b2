import { dealSearchKeys, fold, matchDeal, searchWords, shortDealId, wordKeys, wordMatch } from '../../services/domain/search';
import { parseSearch } from '../../services/deals/search';
import { outboundDeal } from '../support/fixtures';

/*
 * Search's own rules, below the stores and the chat (test/e2e/search.test.ts drives them end to end):
 * how text is folded, which words match at which level, how a deal's keys stay bounded, and how a
 * search is read (filters, bounds).
 */

describe('search: text folded as people type it', () => {
  it.each([
    ['Société Générale', 'societe generale'],
    ['ÆRØ Łódź Straße', 'aero lodz strasse'],
    ['İSTANBUL', 'istanbul'],
    ['ＦＡＢＲＩＫＡＭ', 'fabrikam'],
    ['北京 联合', '北京 联合'],
  ])('when a name is "%s", then search compares "%s"', (text, folded) => {
    expect(fold(text)).toBe(folded);
  });

  it('when text holds punctuation and symbols, then only runs of letters and digits are words', () => {
    expect(searchWords('Contoso – Azure (migration), CRM-4471 / 100%_ %')).toEqual(['contoso', 'azure', 'migration', 'crm', '4471', '100']);
  });

  it('when a deal id is "D" and 12 characters, then its short id is the last 6, upper-cased', () => {
    expect(shortDealId('D0K3M7F2QX9AB')).toBe('2QX9AB');
    expect(shortDealId('d0k3m7f2qx9ab')).toBe('2QX9AB');
  });
});

describe('search: how well a typed word matches a deal’s words', () => {
  const words = ['contoso', 'azure', 'migration', 'sa'];
  it.each([
    ['contoso', 3],
    ['migr', 2],
    ['contso', 1], // a letter missing
    ['conttoso', 1], // a letter too many
    ['contoos', 1], // two letters swapped
    ['cintoso', 1], // a letter changed
    ['cntso', 0], // two typos: too far
    ['sb', 0], // short words must be right: "sa" is not "sb"
    ['azur', 2],
    ['zzz', 0],
  ] as const)('"%s" matches at level %i', (typed, level) => {
    expect(wordMatch(typed, words)).toBe(level);
  });

  it('when a word is one typo from a deal word, then they share a key (so the store finds the deal without reading it)', () => {
    const deal = { ...outboundDeal(), name: 'Contoso migration' };
    const keys = new Set(dealSearchKeys(deal));
    for (const typed of ['contso', 'conttoso', 'contoos', 'cintoso', 'migr', 'contoso']) expect(wordKeys(typed).some((k) => keys.has(k))).toBe(true);
    expect(wordKeys('zzzz').some((k) => keys.has(k))).toBe(false);
  });

  it('when a deal holds a 200-character name of one-letter words, or words longer than any typed, then it still has a bounded number of keys', () => {
    const deal = { ...outboundDeal(), name: 'a b c d e f g h i j k l m n o p q r s t u v w x y z '.repeat(8).slice(0, 200), crmId: 'x'.repeat(100) };
    expect(dealSearchKeys(deal).length).toBeLessThan(600);
    const long = { ...outboundDeal(), name: Array.from({ length: 6 }, (_, i) => String.fromCharCode(97 + i).repeat(33)).join(' ') };
    expect(dealSearchKeys(long).length).toBeLessThan(600);
  });

  it('when the typed words are a deal’s short id, full id or CRM id, then it is an exact id match', () => {
    const deal = { ...outboundDeal(), crmId: 'CRM-4471' };
    expect(matchDeal(deal, searchWords(shortDealId(deal.id))).exactId).toBe(true);
    expect(matchDeal(deal, searchWords(deal.id.toLowerCase())).exactId).toBe(true);
    expect(matchDeal(deal, searchWords('crm 4471')).exactId).toBe(true);
    expect(matchDeal(deal, searchWords('crm 4472')).exactId).toBe(false);
  });
});

describe('search: reading what was typed', () => {
  it('when filters are typed inline, then they are filters, not words; the card’s choices apply unless typed', () => {
    expect(parseSearch('contoso stage:qualified inbound before:2027-03-31')).toMatchObject({
      text: 'contoso',
      words: ['contoso'],
      filters: { stage: 'qualified', direction: 'inbound', closeBy: '2027-03-31' },
      problems: [],
    });
    expect(parseSearch('contoso', { stage: 'won', direction: 'outbound', before: '2027-01-31' }).filters).toEqual({ stage: 'won', direction: 'outbound', closeBy: '2027-01-31' });
    expect(parseSearch('stage:negotiated', { stage: 'won' }).filters).toEqual({ stage: 'negotiated' });
    expect(parseSearch('stage:qualifed').filters).toEqual({ stage: 'qualified' }); // one typo
  });

  it.each([
    ['French', 'contoso étape:qualifiée sortant avant:2027-06-30'],
    ['French without accents, upper case', 'contoso ETAPE:qualifiee SORTANT Avant:2027-06-30'],
    ['Chinese, with a full-width colon', 'contoso 阶段：已确认资格 传出 早于：2027-06-30'],
    ['English', 'contoso stage:qualified outbound before:2027-06-30'],
  ])('when filters are typed in %s (every language works for every reader), then they are the same filters', (_lang, typed) => {
    expect(parseSearch(typed)).toMatchObject({ words: ['contoso'], filters: { stage: 'qualified', direction: 'outbound', closeBy: '2027-06-30' }, problems: [] });
  });

  it('when a status is named in French or Chinese after the stage filter, then it filters by that status', () => {
    expect(parseSearch('étape:gagnée').filters).toEqual({ stage: 'won' });
    expect(parseSearch('阶段：已过期').filters).toEqual({ stage: 'expired' });
    expect(parseSearch('étape:refusée entrant').filters).toEqual({ stage: 'declined', direction: 'inbound' });
  });

  it('when a filter cannot be read, then it is reported with what was typed, never ignored', () => {
    expect(parseSearch('x stage:shipped before:31/03/2027 direction:sideways').problems).toEqual([
      { kind: 'unknownStage', value: 'shipped' },
      { kind: 'badDate', value: '31/03/2027' },
      { kind: 'badDirection', value: 'sideways' },
    ]);
    expect(parseSearch('x before:2027-02-30').problems).toEqual([{ kind: 'badDate', value: '2027-02-30' }]);
  });

  it('when the text is a pasted page, then at most 200 characters and 6 words of 32 characters are searched, and it says so', () => {
    const parsed = parseSearch('contoso '.repeat(2000));
    expect(parsed.words).toHaveLength(6);
    expect(parsed.text.length).toBeLessThanOrEqual(200);
    expect(parsed.problems).toEqual([{ kind: 'shortened' }]);
    expect(parseSearch('x'.repeat(150)).words).toEqual(['x'.repeat(32)]);
  });
});
