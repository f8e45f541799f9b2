import { parseCommand } from '../../bot/commands/parse';

describe('the Partner Center commands are read like every command: any case, spacing or small typo', () => {
  it.each([
    ['partner center', 'partnerCenter'],
    ['Partner Centre', 'partnerCenter'],
    ['/partner-center', 'partnerCenter'],
    ['<at>Co-sell</at> partnercenter', 'partnerCenter'],
    ['connect partner center', 'connectPartnerCenter'],
    ['Connect  Partner-Centre', 'connectPartnerCenter'],
    ['conect partner center', 'connectPartnerCenter'],
    ['disconnect partner center', 'disconnectPartnerCenter'],
    ['Disconnect PartnerCenter', 'disconnectPartnerCenter'],
  ])('when someone types "%s", then it is %s', (text, name) => {
    expect(parseCommand(text).name).toBe(name);
  });

  it('when "partner center" is part of a deal name, then it is still the deal command', () => {
    expect(parseCommand('deal partner center migration')).toEqual({ name: 'deal', query: 'partner center migration' });
  });
});

describe('the Partner Center commands in French and Chinese', () => {
  it.each([
    ['espace partenaires', 'partnerCenter'],
    ['Connecter l’Espace partenaires', 'connectPartnerCenter'],
    ['déconnecter espace partenaires', 'disconnectPartnerCenter'],
    ['合作伙伴中心', 'partnerCenter'],
    ['连接合作伙伴中心', 'connectPartnerCenter'],
    ['断开合作伙伴中心', 'disconnectPartnerCenter'],
  ])('when someone types "%s", then it is %s', (text, name) => {
    expect(parseCommand(text).name).toBe(name);
  });
});
