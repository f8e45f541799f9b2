import { CardFactory } from 'botbuilder';
import { contactsExportCardData, contactsImportCardData, renderContactsCard, type ImportResult } from '../../../cards/solutionContacts';
import { str } from '../../../cards/formParts';
import type { Offer } from '../../../services/domain/offers';
import { describeRefusal } from '../../../services/i18n';
import type { ImportOutcome } from '../../../services/solutions/offers';
import type { CardActionHandler, CardView } from '../../cardActions/router';
import { guarded, type Acting } from '../../cardActions/support';
import { actingOnOffer, offerNotFound, offerView, offerForAdminForm, type SolutionsEnv } from './views';

/** "Import contacts": the CSV's format and a box to paste it into; the admin's next file in this chat goes to this offer. */
export function showImportForm(env: SolutionsEnv): CardActionHandler {
  return {
    verb: 'offer.importForm',
    handle: (request) =>
      guarded(async () => {
        const found = await offerForAdminForm(env, request);
        if ('result' in found) return found.result;
        const { acting, offer } = found;
        await env.importTargets.choose(acting.member, offer.id);
        return { card: renderContactsCard(contactsImportCardData(offer, acting.member, acting.tr)) };
      }),
  };
}

/** What an import came to, as the contacts card says it: how many now, or every problem and that nothing changed. */
export function importResultView(outcome: ImportOutcome, acting: Acting, typed?: string): CardView | undefined {
  const card = (offer: Offer, result: ImportResult, keep?: string) => ({ card: renderContactsCard(contactsImportCardData(offer, acting.member, acting.tr, result, keep)) });
  switch (outcome.kind) {
    case 'done':
      return card(outcome.offer, { kind: 'imported', count: outcome.offer.coSell.contacts.length });
    case 'csvErrors':
      return card(outcome.offer, { kind: 'csvErrors', errors: outcome.errors }, typed);
    case 'fileRejected':
      return card(outcome.offer, { kind: 'fileRejected', problem: outcome.problem });
    case 'refused':
      return outcome.offer ? card(outcome.offer, { kind: 'refused', text: describeRefusal(outcome.refusal, acting.tr) }) : undefined;
    default:
      return undefined;
  }
}

/** Import the contacts pasted into the card: all of them replace the old ones, or nothing changes and each bad row is said. */
export function importContacts(env: SolutionsEnv): CardActionHandler {
  return {
    verb: 'offer.importContacts',
    handle: (request) =>
      guarded(async () => {
        const { acting, ref } = await actingOnOffer(env, request);
        const text = str(request.data.csv);
        const outcome = await env.offers.importContacts(acting.member, ref, text);
        if (outcome.kind === 'done' && outcome.changed) env.logger.info('contacts imported', { offerId: ref.offerId, userId: acting.member.userId, count: outcome.offer.coSell.contacts.length });
        return importResultView(outcome, acting, text) ?? offerNotFound(acting);
      }),
  };
}

/**
 * "Export contacts": the offer's contacts in the template's CSV format, in a box to copy (000, 004:
 * export, change, import again). When they do not fit in one card, the other parts follow as messages.
 */
export function exportContacts(env: SolutionsEnv): CardActionHandler {
  return {
    verb: 'offer.exportContacts',
    handle: (request) =>
      guarded(async () => {
        const found = await offerForAdminForm(env, request);
        if ('result' in found) return found.result;
        const { acting, offer } = found;
        const [first, ...rest] = contactsExportCardData(offer, acting.member, acting.tr);
        if (!first) return offerView(offer, acting, { text: acting.tr.t('solutions.contact.none'), color: 'Warning' });
        for (const part of rest) await request.context.sendActivity({ attachments: [CardFactory.adaptiveCard(renderContactsCard(part))] });
        return { card: renderContactsCard(first) };
      }),
  };
}
