import { galleryEntries, galleryId, READERS } from '../../cards/gallery';
import { translator } from '../../services/i18n';
import { CARD_BUDGET_BYTES, cardBytes, MAX_CARD_BYTES, renderCard } from '../../cards/render';
import notice from '../../cards/templates/notice.json';
import { cardText } from '../support/connector';
import { actionsOf } from '../support/teams';

/*
 * Issue 10, finding 9 (cards over Teams' size limit): Teams refuses a message over about 28 KB with
 * 413, and the send was marked dead. Every card is kept under the limit by cards/render.ts: long texts
 * are shortened with "…" in the view models (the referral card points to the deal card), the deal card
 * shows as much as fits and says so, and a card that still cannot fit becomes a compact card that says
 * why. The gallery holds a referral at the contract's limits in Chinese (cards/gallery.ts).
 */

const entries = new Map(galleryEntries().map((e) => [galleryId(e), e]));
const card = (id: string): Record<string, unknown> => {
  const entry = entries.get(id);
  if (!entry) throw new Error(`no gallery entry ${id}`);
  return entry.card();
};
/** The contract-limits entries are read in Chinese: what they say comes from the zh-Hans catalog. */
const zh = translator(READERS.zh);
const lines = (c: unknown, prefix: string) => cardText(c).split('\n').filter((l) => l.startsWith(prefix));

describe('cards at the contract’s limits stay under Teams’ 28 KB', () => {
  it('when a referral carries two 4,000-character Chinese notes and 50 long solutions, then its card is under the limit, says it is shortened and offers the deal card', () => {
    const referral = card('referral/contract-limits-zh');
    expect(cardBytes(referral)).toBeLessThanOrEqual(CARD_BUDGET_BYTES);
    expect(cardText(referral)).toContain(zh.t('referral.shortened'));
    expect(cardText(referral)).toContain(zh.t('card.listMore', { items: '', count: 40 }));
    expect(actionsOf(referral).map((a) => [a.verb, a.title])).toContainEqual(['deal.show', zh.t('referral.openDeal')]);
  });

  it('when an ordinary referral fits, then nothing is said to be shortened, and it has only its usual buttons (answer, open the deal, hand it over)', () => {
    const referral = card('referral/received-en');
    expect(cardText(referral)).not.toContain('shortened');
    // Handing it over sits in its own row above the answers: four buttons in one row do not fit in French.
    expect(actionsOf(referral).map((a) => a.verb)).toEqual(['referral.assign', 'referral.acceptForm', 'referral.declineForm', 'deal.show']);
  });

  it('when the same referral is opened as a deal card, then it shows more of each note, the "why you" notes, and says it is shortened', () => {
    const referral = card('referral/contract-limits-zh');
    const deal = card('deal-status/contract-limits-received-zh');
    expect(cardBytes(deal)).toBeLessThanOrEqual(CARD_BUDGET_BYTES);
    const longest = (c: unknown, prefix: string) => Math.max(...lines(c, prefix).map((l) => l.length));
    expect(longest(deal, '客户希望')).toBeGreaterThan(longest(referral, '客户希望'));
    expect(longest(deal, '你们上次')).toBeGreaterThan(longest(referral, '你们上次'));
    expect(cardText(deal)).toContain(zh.t('deal.shortened'));
    expect(cardText(deal)).toContain(zh.t('referral.inviteNotes'));
  });

  it('when an ordinary deal fits, then its card shows the whole notes and says nothing is shortened', () => {
    const deal = card('deal-status/longest-en');
    expect(cardText(deal)).toContain('x '.repeat(2000).trim());
    expect(cardText(deal)).not.toContain('ending in “…” are shortened');
  });

  it('when the edit form would prefill more than fits, then the compact card says why and leads back to the deal, never a cut value', () => {
    const compact = card('compact/edit-form-contract-limits-zh');
    expect(cardText(compact)).toContain(zh.t('card.form.tooLarge'));
    expect(actionsOf(compact).map((a) => [a.verb, a.title])).toEqual([['deal.show', zh.t('referral.form.cancel')]]);
    expect(JSON.stringify(compact)).not.toContain('Input.');
  });

  it('when the decline is answered to the sender’s organization, then the notes end in "…" and the card says why', () => {
    const outcome = card('sender-outcome/contract-limits-declined-zh');
    expect(cardText(outcome)).toContain(zh.t('senderOutcome.shortened'));
  });
});

describe('renderCard keeps every card under the limit', () => {
  const big = { title: 'Notice', message: 'x'.repeat(MAX_CARD_BYTES), color: 'Default' as const };
  const compact = () => ({ type: 'AdaptiveCard' as const, version: '1.5', body: [{ type: 'TextBlock', text: 'compact' }] });

  it('when a card fits, then it is bound once and returned as it is', () => {
    const shrink = jest.fn((d: typeof big) => d);
    const card = renderCard(notice, { ...big, message: 'short' }, { shrink: [shrink], compact });
    expect(cardText(card)).toContain('short');
    expect(shrink).not.toHaveBeenCalled();
  });

  it('when a card is over the limit, then the smaller versions are tried in order and the first that fits is returned', () => {
    const card = renderCard(notice, big, {
      shrink: [(d) => ({ ...d, message: d.message.slice(0, 27 * 1024) }), (d) => ({ ...d, message: d.message.slice(0, 1000) }), () => ({ ...big, message: 'never reached' })],
      compact,
    });
    expect(cardBytes(card)).toBeLessThanOrEqual(CARD_BUDGET_BYTES);
    expect(cardText(card)).toContain('x'.repeat(1000));
    expect(cardText(card)).not.toContain('never reached');
  });

  it('when every smaller version is still over the limit, then the compact card is returned', () => {
    expect(cardText(renderCard(notice, big, { shrink: [(d) => d], compact }))).toBe('compact');
  });
});
