import { parseCommand, Vocabulary, type Command } from '../../bot/commands/parse';
import { CATALOGS } from '../../services/i18n';

/*
 * Typed commands in English, French and Simplified Chinese (issue 12): every language's words work
 * whatever the reader's locale, with case, accents, spacing and small typos forgiven as in English,
 * and Chinese words exact where one character changes the meaning.
 */

describe('typed commands in every language', () => {
  it.each<[string, Command]>([
    // English, as before
    ['help', { name: 'help' }],
    ['', { name: 'help' }],
    ['?', { name: 'help' }],
    ['Inbund', { name: 'inbound', filter: 'open' }],
    ['favourites closed', { name: 'favorites', filter: 'closed' }],
    ['new-deal', { name: 'newDeal' }],
    ['create deals', { name: 'newDeal' }],
    ['<at>Co-sell</at> outbound all', { name: 'outbound', filter: 'all' }],
    ['deal Contoso – Azure', { name: 'deal', query: 'Contoso – Azure' }],
    ['open D1234', { name: 'deal', query: 'D1234' }],
    ['/Solutions', { name: 'solutions' }],
    ['offers', { name: 'solutions' }],
    // French
    ['aide', { name: 'help' }],
    ['Aide', { name: 'help' }],
    ['nouvelle opportunité', { name: 'newDeal' }],
    ['Nouvelle Opportunite', { name: 'newDeal' }],
    ['nouvelle-opportunité', { name: 'newDeal' }],
    ['nouvelle oportunité', { name: 'newDeal' }],
    ['entrant', { name: 'inbound', filter: 'open' }],
    ['entrantes fermées', { name: 'inbound', filter: 'closed' }],
    ['sortant toutes', { name: 'outbound', filter: 'all' }],
    ['sortnat', { name: 'outbound', filter: 'open' }],
    ['favoris fermées', { name: 'favorites', filter: 'closed' }],
    ['favoris fermees', { name: 'favorites', filter: 'closed' }],
    ['favoris closes', { name: 'favorites', filter: 'closed' }],
    ['favoris ouvertes', { name: 'favorites', filter: 'open' }],
    ['favoris en cours', { name: 'favorites', filter: 'open' }],
    ['membres', { name: 'members' }],
    ['MEMBRES', { name: 'members' }],
    ['offres', { name: 'solutions' }],
    ['opportunité Contoso SA', { name: 'deal', query: 'Contoso SA' }],
    ['Opportunite D1234', { name: 'deal', query: 'D1234' }],
    // Simplified Chinese, with or without a space after the command word
    ['帮助', { name: 'help' }],
    ['新建交易', { name: 'newDeal' }],
    ['新增交易', { name: 'newDeal' }], // a wrong character picked in the input method: one typo in four characters
    ['传入', { name: 'inbound', filter: 'open' }],
    ['传出 全部', { name: 'outbound', filter: 'all' }],
    ['收藏', { name: 'favorites', filter: 'open' }],
    ['收藏 已关闭', { name: 'favorites', filter: 'closed' }],
    ['收藏已关闭', { name: 'favorites', filter: 'closed' }],
    ['收藏夹', { name: 'favorites', filter: 'open' }],
    ['成员', { name: 'members' }],
    ['产品', { name: 'solutions' }],
    ['产品/服务', { name: 'solutions' }],
    ['交易 Contoso', { name: 'deal', query: 'Contoso' }],
    ['交易Contoso 迁移', { name: 'deal', query: 'Contoso 迁移' }],
    ['<at>联合销售</at>\u3000帮助', { name: 'help' }],
    ['？', { name: 'help' }],
    // Full-width Latin letters, as a Chinese input method may type them
    ['ｈｅｌｐ', { name: 'help' }],
  ])('when "%s" is typed, then it is %j', (text, expected) => {
    expect(parseCommand(text)).toEqual(expected);
  });

  it.each([
    ['传', 'one character of 传入/传出 is neither'],
    ['传如', 'two-character Chinese words are exact: 传入 and 传出 are one character apart'],
    ['收藏 未关', 'no such filter'],
    ['favoris fermées toutes', 'two filters'],
    ['aide moi', 'help takes nothing after it'],
    ['nouvelle opportunité Contoso', 'new deal takes nothing after it'],
    ['opportunité', 'a deal needs a name or id'],
    ['交易', 'a deal needs a name or id'],
    ['hi there', 'not a command'],
    ['bonjour tout le monde', 'not a command'],
  ])('when "%s" is typed, then it is unknown (%s)', (text) => {
    expect(parseCommand(text)).toEqual({ name: 'unknown', text });
  });

  it('when every catalog’s command word and its other words are typed alone, then each names its own command (no word names two)', () => {
    const expected: Record<string, Command['name']> = { help: 'help', newDeal: 'newDeal', inbound: 'inbound', outbound: 'outbound', favorites: 'favorites', members: 'members', solutions: 'solutions' };
    for (const [tag, catalog] of Object.entries(CATALOGS)) {
      for (const [key, name] of Object.entries(expected)) {
        const text = catalog as Record<string, string>;
        const words = [text[`command.${key}`]!, ...text[`command.${key}.also`]!.split(/[,、]/).map((w) => w.trim()).filter(Boolean)];
        for (const word of words) expect([tag, word, parseCommand(word).name]).toEqual([tag, word, name]);
      }
      const deal = (catalog as Record<string, string>)['command.deal']!;
      expect(parseCommand(`${deal} Contoso`)).toEqual({ name: 'deal', query: 'Contoso' });
    }
  });

  it('when two meanings are given one word, then the vocabulary refuses to start, naming the word', () => {
    expect(() => new Vocabulary(['open', 'closed'] as const, () => 'command.help')).toThrow(/"help" to both "open" and "closed"/);
  });

  it('when a typo is as close to two commands, then it is neither', () => {
    // "entrants"/"sortants" are one typo from "entrant"/"sortant"; "eortant" is two from both.
    expect(parseCommand('sortants')).toEqual({ name: 'outbound', filter: 'open' });
    expect(parseCommand('xntrant')).toEqual({ name: 'inbound', filter: 'open' });
    expect(parseCommand('xortant')).toEqual({ name: 'outbound', filter: 'open' });
  });
});
