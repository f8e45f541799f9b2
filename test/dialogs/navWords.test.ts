import { navWord } from '../../dialogs/host';

describe('typed words steer a dialog', () => {
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
    ['', undefined],
  ])('"%s" → %s', (text, expected) => {
    expect(navWord(text)).toBe(expected);
  });
});
