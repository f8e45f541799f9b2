import { galleryEntries, galleryId } from '../../cards/gallery';
import { TEAMS_CARD_WIDTH, type TeamsTheme } from '../../cards/hostConfig';
import { CardBrowser, type RenderReport } from '../../scripts/lib/cardBrowser';

/*
 * Every gallery card rendered by the official renderer in headless Chromium, styled like Teams'
 * light and dark themes at a chat card's width (cards/hostConfig.ts), with its show-cards and hidden
 * parts ("Show more") closed and open: it must not throw, must show text, nothing may stick out
 * sideways or be cut off, no input may be too narrow for what it shows, and every text must meet
 * WCAG AA contrast on its background in both themes. One browser and one page for all cards. Chromium and the fonts come with `npm install` (@sparticuz/chromium,
 * @fontsource/arimo, @fontsource/noto-sans-sc; CHROMIUM_PATH picks another browser): nothing is
 * installed by hand, and the test is never skipped.
 */

jest.setTimeout(60_000);

let browser: CardBrowser | undefined;

beforeAll(async () => {
  browser = await CardBrowser.launch();
});

afterAll(async () => {
  await browser?.close();
});

/** What is wrong with a rendered card, as sentences; empty when it looks right. */
function renderProblems(report: RenderReport, when: string): string[] {
  const problems: string[] = [];
  if (report.error) problems.push(`${when}: ${report.error}`);
  if (report.visibleText === '' || report.height === 0) problems.push(`${when}: the card shows no text (height ${report.height}px)`);
  for (const p of report.problems) {
    const what = p.kind === 'contrast' ? `contrast ${p.ratio}:1, needs ${p.needed}:1,` : `${p.kind} by ${p.pixels}px`;
    problems.push(`${when}: ${what} at ${p.element}${p.text ? ` ("${p.text.replace(/\s+/g, ' ')}")` : ''}`);
  }
  return problems;
}

const THEMES: readonly TeamsTheme[] = ['light', 'dark'];

async function check(card: object, themes: readonly TeamsTheme[] = THEMES): Promise<string[]> {
  const problems: string[] = [];
  const hides = JSON.stringify(card).includes('"isVisible":false');
  for (const theme of themes) {
    const closed = await browser!.render(card, { theme });
    problems.push(...renderProblems(closed, `${theme}, as sent`));
    if (closed.showCards > 0 || hides) problems.push(...renderProblems(await browser!.render(card, { theme, expandShowCards: true }), `${theme}, opened`));
  }
  return problems;
}

describe('the card page measures with the fonts that ship with the project', () => {
  it('when a card shows Chinese, then its glyphs come from Noto Sans SC (npm), not from whatever fonts the machine has', async () => {
    expect(await browser!.fontLoaded('Noto Sans SC', '联合销售推荐')).toBe(true);
    expect(await browser!.fontLoaded('Arimo', 'Contoso – Azure migration')).toBe(true);
    const report = await browser!.render({ type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text: '联合销售推荐', wrap: true }] });
    expect(report.visibleText).toBe('联合销售推荐');
  });
});

describe(`every gallery card renders in Chromium like Teams (${TEAMS_CARD_WIDTH}px, light and dark themes)`, () => {
  it.each(galleryEntries().map((e) => [galleryId(e), e] as const))('%s', async (_id, entry) => {
    expect(await check(entry.card())).toEqual([]);
  });
});

describe('the render check fails when a card would look broken', () => {
  const card = (body: unknown[], actions: unknown[] = []) => ({ type: 'AdaptiveCard', version: '1.5', body, actions });
  const columns = (...widths: [string, string][]) => ({
    type: 'ColumnSet',
    columns: widths.map(([width, text]) => ({ type: 'Column', width, items: [{ type: 'TextBlock', text, wrap: true }] })),
  });

  it('when a card is sound, then there is nothing to report', async () => {
    expect(await check(card([{ type: 'TextBlock', text: 'Contoso – Azure migration', wrap: true }]))).toEqual([]);
  });

  it.each<[string, object, RegExp]>([
    ['an empty card', card([]), /shows no text/],
    ['only elements the renderer does not know', card([{ type: 'Rating', value: 3 }]), /shows no text/],
    ['an unbreakable string in a fact', card([{ type: 'FactSet', facts: [{ title: 'Customer', value: 'W'.repeat(200) }] }]), /(overflow|clipped) by \d+px/],
    ['a column wider than the card', card([columns(['600px', 'wide'])]), /overflow by \d+px/],
    ['an unbreakable input label', card([{ type: 'Input.Text', id: 'a', label: 'W'.repeat(200) }]), /overflow by \d+px/],
    ['a text that does not wrap', card([{ type: 'TextBlock', text: 'Contoso Worldwide Holdings – Azure migration, SAP on Azure and a data platform for every subsidiary' }]), /truncated by \d+px/],
    ['button titles cut to "…"', card([{ type: 'TextBlock', text: 'x' }], [1, 2, 3, 4].map((i) => ({ type: 'Action.Submit', title: `Accept this referral now ${i}` }))), /truncated by \d+px at button/],
    [
      'an overflow that shows only when a show-card is opened',
      card([{ type: 'TextBlock', text: 'x' }], [{ type: 'Action.ShowCard', title: 'More', card: { type: 'AdaptiveCard', body: [columns(['700px', 'wide'])] } }]),
      /light, opened: overflow/,
    ],
    [
      'an overflow that shows only when "Show more" reveals it',
      card([{ type: 'TextBlock', text: 'x' }, { type: 'Container', id: 'more', isVisible: false, items: [columns(['700px', 'wide'])] }], [{ type: 'Action.ToggleVisibility', title: 'Show more', targetElements: ['more'] }]),
      /light, opened: overflow/,
    ],
    [
      'a team row squeezed into three columns (phone and email cut)',
      card([
        { type: 'TextBlock', text: 'Team' },
        {
          type: 'ColumnSet',
          columns: [
            ['team0Name', 'Ana Ruiz'],
            ['team0Phone', '+33 6 12 34 56 78'],
            ['team0Email', 'ana.ruiz@northwind.example'],
          ].map(([id, value]) => ({ type: 'Column', width: 'stretch', items: [{ type: 'Input.Text', id, value }] })),
        },
      ]),
      /truncated by \d+px at input\.ac-input\.ac-textInput#team0Email \("ana\.ruiz@northwind\.example"\)/,
    ],
    ['a placeholder longer than its box', card([{ type: 'TextBlock', text: 'Scopes' }, { type: 'Input.Text', id: 'scopes', placeholder: 'Two-letter country codes, separated by commas (for example FR, DE, BE, NL, LU, AT, CH)' }]), /truncated by \d+px at input.*#scopes/],
    [
      'a close date in a column too narrow for the month written out',
      card([{ type: 'TextBlock', text: 'Close dates' }, { type: 'ColumnSet', columns: [1, 2, 3].map((i) => ({ type: 'Column', width: 'stretch', items: [{ type: 'Input.Date', id: `d${i}`, value: '2027-02-28' }] })) }]),
      /truncated by \d+px at input.*#d1 \("February 28, 2027"\)/,
    ],
    ['pale green text (Teams\' "Good") on white', card([{ type: 'TextBlock', text: 'Accepted by Ana', color: 'Good', wrap: true }]), /light, as sent: contrast 2\.\d+:1, needs 4\.5:1, at .* \("Accepted by Ana"\)/],
    ['pale yellow text (Teams\' "Warning") on white', card([{ type: 'TextBlock', text: 'This cannot be undone', color: 'Warning', wrap: true }]), /light, as sent: contrast 1\.\d+:1, needs 4\.5:1/],
    ['red text (Teams\' "Attention") on the dark theme', card([{ type: 'TextBlock', text: 'Required.', color: 'Attention', size: 'Small', wrap: true }]), /dark, as sent: contrast 3\.\d+:1, needs 4\.5:1/],
  ])('when the card has %s, then it is reported', async (_what, broken, expected) => {
    expect((await check(broken)).join('\n')).toMatch(expected);
  });

  it('when red text is large (24 px) on the dark theme, then 3:1 is enough and nothing is reported, while small red text is', async () => {
    const red = (size: string) => card([{ type: 'TextBlock', text: 'Expired', color: 'Attention', size, wrap: true }]);
    expect(await check(red('ExtraLarge'), ['dark'])).toEqual([]);
    expect((await check(red('Default'), ['dark'])).join('\n')).toMatch(/contrast/);
  });

  it('when a long value is typed into a box the width of the card, then it scrolls and is not reported, while the same value squeezed into a column is', async () => {
    const email = `${'a'.repeat(64)}@fabrikam.example`;
    expect(await check(card([{ type: 'TextBlock', text: 'Email' }, { type: 'Input.Text', id: 'email', value: email }]))).toEqual([]);
    expect((await check(card([{ type: 'TextBlock', text: 'Email' }, { type: 'ColumnSet', columns: [{ type: 'Column', width: 'stretch', items: [{ type: 'Input.Text', id: 'email', value: email }] }, { type: 'Column', width: 'stretch', items: [{ type: 'TextBlock', text: 'x' }] }] }]))).join('\n')).toMatch(/truncated .*#email/);
  });
});
