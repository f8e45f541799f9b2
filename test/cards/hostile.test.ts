import { galleryEntries, galleryId } from '../../cards/gallery';
import { HOSTILE } from '../../cards/hostile';
import { templateFiles } from '../../scripts/lib/cardTemplates';
import { markdownIn, plainTextProblems, shownTexts } from './markdown';

/*
 * Issue 10, finding 8 (markdown injection across organizations): a hostile string — a Markdown link
 * hiding its target, bold, a list marker, HTML, a template expression, U+202E and a zero-width joiner
 * (cards/hostile.ts) — fed into every text field of every card of the gallery is shown as plain text.
 * Each card is read the way Teams reads it: what is rendered as Markdown (TextBlock, FactSet, expanded
 * choices, input error messages) must hold no Markdown a renderer would act on; what is not (input
 * values, placeholders, labels, drop-down choices, buttons) must hold the text as typed, with no
 * backslash the seller would send back; nothing anywhere may hold an invisible or direction-changing
 * character.
 */

const entries = galleryEntries();
const hostile = entries.filter((e) => e.state.includes('hostile'));

describe('a hostile string in every text field of every card is shown as plain text', () => {
  it('when the hostile text reaches a card as it is, then this reading sees the link, the bold, the list item, the HTML and the override', () => {
    const card = { type: 'AdaptiveCard', body: [{ type: 'TextBlock', text: HOSTILE }, { type: 'Input.Text', id: 'x', value: HOSTILE }] };
    expect(markdownIn(HOSTILE)).toEqual(expect.arrayContaining(['emphasis (*)', 'list item', 'HTML or autolink', expect.stringMatching(/^link/)]));
    expect(plainTextProblems(card).join('\n')).toMatch(/invisible or direction-changing/);
  });

  it('when the gallery is listed, then every card template has an entry fed hostile text', () => {
    const covered = new Set(hostile.map((e) => e.template));
    expect(templateFiles().filter((t) => !covered.has(t))).toEqual([]);
  });

  it.each(hostile.map((e) => [galleryId(e), e] as const))('%s', (_id, entry) => {
    expect(plainTextProblems(entry.card())).toEqual([]);
  });
});

describe('no card of the gallery holds live Markdown', () => {
  it.each(entries.map((e) => [galleryId(e), e] as const))('%s', (_id, entry) => {
    const live = shownTexts(entry.card()).flatMap(({ where, text, markdown }) => (markdown ? markdownIn(text).map((what) => `${where}: ${what}`) : []));
    expect(live).toEqual([]);
  });
});
