import { galleryEntries, galleryId } from '../../cards/gallery';
import { TEAMS_CARD_WIDTH } from '../../cards/hostConfig';
import { CardBrowser, type RenderReport } from '../../scripts/lib/cardBrowser';

/*
 * Every gallery card rendered by the official renderer in headless Chromium, styled like Teams'
 * light theme at a chat card's width (cards/hostConfig.ts), with its show-cards closed and open:
 * it must not throw, must show text, and nothing may stick out sideways or be cut off. One browser
 * and one page for all cards. Chromium and the fonts come with `npm install` (@sparticuz/chromium,
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
  for (const p of report.problems) problems.push(`${when}: ${p.kind} by ${p.pixels}px at ${p.element}${p.text ? ` ("${p.text.replace(/\s+/g, ' ')}")` : ''}`);
  return problems;
}

async function check(card: object): Promise<string[]> {
  const closed = await browser!.render(card);
  const problems = renderProblems(closed, 'as sent');
  if (closed.showCards > 0) problems.push(...renderProblems(await browser!.render(card, { expandShowCards: true }), 'show-cards open'));
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

describe(`every gallery card renders in Chromium like Teams (${TEAMS_CARD_WIDTH}px, light theme)`, () => {
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
      /show-cards open: overflow/,
    ],
  ])('when the card has %s, then it is reported', async (_what, broken, expected) => {
    expect((await check(broken)).join('\n')).toMatch(expected);
  });
});
