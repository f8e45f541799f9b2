import { galleryEntries, galleryId } from '../../cards/gallery';
import { MAX_CARD_BYTES, type AdaptiveCardJson } from '../../cards/render';
import { cardProblems } from '../../scripts/lib/cardChecks';

/*
 * Every card the bot can send passes the official Adaptive Cards parser (no warning, no validation
 * failure, no property it does not know) and our rules for Teams (schema ≤ 1.5, ≤ 28 KB, fully bound,
 * an Action.Submit fallback with the same verb and data for each Action.Execute, unique input ids).
 */

const entries = galleryEntries();

describe('every gallery card passes the official parser and the Teams rules', () => {
  it.each(entries.map((e) => [galleryId(e), e] as const))('%s', (_id, entry) => {
    expect(cardProblems(entry.card())).toEqual([]);
  });
});

/** A small valid card with one Universal Action, to break one way at a time. */
function goodCard(): AdaptiveCardJson {
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    body: [
      { type: 'TextBlock', text: 'Contoso – Azure migration', wrap: true },
      { type: 'Input.Text', id: 'notes', label: 'Notes' },
    ],
    actions: [
      {
        type: 'Action.Execute',
        title: 'Accept',
        verb: 'referral.accept',
        data: { dealId: 'D123' },
        fallback: { type: 'Action.Submit', title: 'Accept', data: { verb: 'referral.accept', dealId: 'D123' } },
      },
    ],
  };
}

/** A chart as Teams documents it, falling back to the same bars as text. */
const chart = (): Record<string, unknown> => ({
  type: 'Chart.HorizontalBar',
  title: 'Value by stage',
  displayMode: 'AbsoluteWithAxis',
  data: [{ x: 'Qualified', y: 3 }],
  fallback: { type: 'Container', items: [{ type: 'TextBlock', text: 'Qualified ▇▇▇', wrap: true }] },
});

type Mutable = { body: Record<string, unknown>[]; actions: Record<string, unknown>[]; [k: string]: unknown };
const broken = (change: (card: Mutable) => void): AdaptiveCardJson => {
  const card = goodCard() as unknown as Mutable;
  change(card);
  return card as unknown as AdaptiveCardJson;
};

/** Teams' people picker: schema 1.5 plus Teams' dynamic choices (`choices.data`, a Data.Query), with no static choice. */
const PEOPLE_PICKER = { type: 'Input.ChoiceSet', id: 'colleague', label: 'Colleague', style: 'filtered', choices: [], 'choices.data': { type: 'Data.Query', dataset: 'graph.microsoft.com/users' } };

describe('the checks fail when a card is broken', () => {
  it('when a card has Teams\' people picker (a Data.Query dataset, no static choice), then it is allowed: Teams extends schema 1.5 with it', () => {
    expect(cardProblems(broken((c) => c.body.push(PEOPLE_PICKER)))).toEqual([]);
  });

  it('when a card is well formed, then there is nothing to report', () => {
    expect(cardProblems(goodCard())).toEqual([]);
  });

  it('when a value a partner typed holds "${…}", then it is text, not an unbound template expression', () => {
    const card = broken((c) => c.body.push({ type: 'Input.Text', id: 'partnerNotes', label: 'Notes', value: 'Budget is ${secret} and ${ 1 + 1 }' }));
    expect(cardProblems(card)).toEqual([]);
  });

  it.each<[string, (card: Mutable) => void, RegExp]>([
    ['an unknown element type', (c) => c.body.push({ type: 'Rating', value: 3 }), /UnknownElementType.*Rating/],
    ['an unknown action type', (c) => c.actions.push({ type: 'Action.Popover', title: 'x' }), /UnknownActionType.*Action\.Popover/],
    ['a misspelt property', (c) => (c.body[0]!.wieght = 'Bolder'), /"wieght"/],
    ['an invalid property value', (c) => (c.body[0]!.color = 'Purple'), /InvalidPropertyValue.*Purple/],
    ['a property of a later schema', (c) => c.body.push({ type: 'Input.Text', id: 'x', label: 'x', inputStyle: 'revealOnHover' }), /inputStyle|UnsupportedProperty/],
    ['version 1.6', (c) => (c.version = '1.6'), /version "1\.6"/],
    ['more than 28 KB', (c) => c.body.push({ type: 'TextBlock', text: 'x'.repeat(MAX_CARD_BYTES), wrap: true }), /bytes, over its \d+; with the rest of the message Teams refuses/],
    ['an unbound template expression', (c) => (c.body[0]!.text = '${title}'), /unbound template expression/],
    ['a template keyword left over', (c) => (c.body[0]!.$when = true), /template keyword "\$when"/],
    ['a missing value shown as "undefined"', (c) => (c.body[0]!.text = 'Customer: undefined'), /shows a missing value/],
    ['an Action.Execute without fallback', (c) => delete c.actions[0]!.fallback, /no Action\.Submit fallback/],
    ['a fallback with another verb', (c) => ((c.actions[0]!.fallback as { data: Record<string, unknown> }).data.verb = 'referral.decline'), /not the action's verb/],
    ['a fallback missing the action data', (c) => delete (c.actions[0]!.fallback as { data: Record<string, unknown> }).data.dealId, /data\.dealId/],
    ['two inputs with one id', (c) => c.body.push({ type: 'Input.Text', id: 'notes', label: 'Again' }), /input id "notes" is used 2 times/],
    ['an input with the same id inside a show-card', (c) => c.actions.push({ type: 'Action.ShowCard', title: 'More', card: { type: 'AdaptiveCard', body: [{ type: 'Input.Text', id: 'notes', label: 'x' }] } }), /"notes" is used 2 times/],
    ['a required input without label', (c) => c.body.push({ type: 'Input.Text', id: 'name', isRequired: true, errorMessage: 'Required.' }), /RequiredInputsShouldHaveLabel/],
    ['a choice set with no choice and no Teams data query', (c) => c.body.push({ type: 'Input.ChoiceSet', id: 'who', label: 'Who', choices: [] }), /CollectionCantBeEmpty/],
    [
      'a choice set with no choice beside a people picker (the allowance is for the picker only)',
      (c) => c.body.push(PEOPLE_PICKER, { type: 'Input.ChoiceSet', id: 'who', label: 'Who', choices: [] }),
      /CollectionCantBeEmpty/,
    ],
    ['a data query that is not one ("Data.Search")', (c) => c.body.push({ ...PEOPLE_PICKER, 'choices.data': { type: 'Data.Search', dataset: 'graph.microsoft.com/users' } }), /choices\.data/],
    ['a Teams chart without a fallback element', (c) => c.body.push({ ...chart(), fallback: undefined }), /Chart\.HorizontalBar "Value by stage" has no fallback element/],
    ['a Teams chart that only drops itself elsewhere', (c) => c.body.push({ ...chart(), fallback: 'drop' }), /has no fallback element/],
    ['a misspelt property on a Teams chart', (c) => c.body.push({ ...chart(), dispalyMode: 'AbsoluteNoAxis' }), /"dispalyMode", which Teams does not define/],
    ['a misspelt data point on a Teams chart', (c) => c.body.push({ ...chart(), data: [{ x: 'Qualified', yy: 3 }] }), /data point with property "yy"/],
    ['a misspelt property on a chart’s fallback', (c) => c.body.push({ ...chart(), fallback: { type: 'Container', stlye: 'emphasis', items: [{ type: 'TextBlock', text: 'x' }] } }), /"stlye"/],
  ])('when the card has %s, then it is reported', (_what, change, expected) => {
    const problems = cardProblems(broken(change));
    expect(problems.join('\n')).toMatch(expected);
  });

  it('when a Teams chart (Chart.HorizontalBar, schema 1.5) falls back to an element other clients draw, then the library’s "unknown element" is not a problem', () => {
    // Teams draws its charts; the adaptivecards library and other clients draw the fallback.
    expect(cardProblems(broken((c) => c.body.push(chart())))).toEqual([]);
  });
});
