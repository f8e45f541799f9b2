import { navWord } from '../../dialogs/host';

describe('typed words steer a dialog, in every language the bot has a catalog for', () => {
  it.each<[string, 'back' | 'cancel' | undefined]>([
    ['back', 'back'],
    ['Cancel', 'cancel'],
    ['/back', 'back'],
    ['<at>Co-sell</at>  cancel ', 'cancel'],
    ['cancle', 'cancel'],
    ['prevous', 'back'],
    ['abrot', 'cancel'],
    ['exti', undefined], // "exit" is too short to guess at
    ['bak', undefined],
    ['new deal', undefined],
    ['retour', 'back'],
    ['Précédent', 'back'],
    ['annuler', 'cancel'],
    ['anuler', 'cancel'],
    ['<at>Co-vente</at> annuler', 'cancel'],
    ['返回', 'back'],
    ['上一步', 'back'],
    ['取消', 'cancel'],
    ['取', undefined],
    ['retour arrière', undefined],
    ['nouvelle opportunité', undefined],
    ['', undefined],
  ])('"%s" → %s', (text, expected) => {
    expect(navWord(text)).toBe(expected);
  });
});
