import { z } from 'zod';
import { documentFormData, readDocumentForm, renderDocumentForm } from '../../../cards/solutionForms';
import { OfferId } from '../../../services/domain/offers';
import type { CardActionHandler } from '../../cardActions/router';
import { guarded } from '../../cardActions/support';
import { str } from '../../../cards/formParts';
import { actingInOrganization, actingOnOffer, offerNotFound, offerOutcomeView, offerForAdminForm, type SolutionsEnv } from './views';

/** "Add a document": a link to it, with its file name (or the admin sends the file in this chat). */
export function showDocumentForm(env: SolutionsEnv): CardActionHandler {
  return {
    verb: 'offer.documentForm',
    handle: (request) =>
      guarded(async () => {
        const found = await offerForAdminForm(env, request);
        if ('result' in found) return found.result;
        const { acting, offer } = found;
        return { card: renderDocumentForm(documentFormData(offer.tenantId, { offer }, acting.tr)) };
      }),
  };
}

const Target = z.object({ targetOfferId: z.string('v.required').min(1, 'v.required').pipe(OfferId) });

/**
 * Save a document: from the offer's form (a link and a file name), or from the card answering a file
 * sent in chat (the file's name and Teams' link travel with the button; the offer is chosen there).
 * The file type and the link are checked like anything typed: they came back from a card.
 */
export function addDocument(env: SolutionsEnv): CardActionHandler {
  return {
    verb: 'offer.addDocument',
    handle: (request) =>
      guarded(async () => {
        const acting = await actingInOrganization(env, request);
        const fromFile = str(request.data.fileFileName) !== '';
        const named = OfferId.safeParse(request.data.offerId);
        const target = named.success ? undefined : Target.safeParse(request.data);
        const offerId = named.success ? named.data : target?.success ? target.data.targetOfferId : undefined;
        const file = { fileName: str(request.data.fileFileName), url: str(request.data.fileUrl) };
        if (!offerId) {
          const page = await env.offers.list(acting.member);
          const offers = page.kind === 'page' ? page.offers : [];
          return { card: renderDocumentForm(documentFormData(acting.member.tenantId, { offers, file }, acting.tr, request.data, { error: target?.error })) };
        }
        const ref = { tenantId: acting.member.tenantId, offerId };
        const outcome = await env.offers.addDocument(acting.member, ref, readDocumentForm(request.data));
        const form = async (problems: Parameters<typeof documentFormData>[4]) => {
          if (!fromFile) {
            const offer = await env.offers.view(acting.member, ref);
            return offer ? { card: renderDocumentForm(documentFormData(offer.tenantId, { offer }, acting.tr, request.data, problems)) } : offerNotFound(acting);
          }
          const page = await env.offers.list(acting.member);
          return { card: renderDocumentForm(documentFormData(acting.member.tenantId, { offers: page.kind === 'page' ? page.offers : [], file }, acting.tr, request.data, problems)) };
        };
        if (outcome.kind === 'refused' && outcome.refusal.code === 'offer_other_documents_max') return form({ refusal: outcome.refusal });
        if (outcome.kind === 'invalid') return form({ error: outcome.error });
        return offerOutcomeView(env, outcome, acting, request.verb, acting.tr.t('solutions.document.added'));
      }),
  };
}

const Removal = z.object({ index: z.coerce.number().int().min(0).max(50), key: z.string().min(1).max(64) });

/** Remove a document, if it is still the one the card showed. */
export function removeDocument(env: SolutionsEnv): CardActionHandler {
  return {
    verb: 'offer.removeDocument',
    handle: (request) =>
      guarded(async () => {
        const { acting, ref } = await actingOnOffer(env, request);
        const removal = Removal.safeParse(request.data);
        const outcome = removal.success
          ? await env.offers.removeDocument(acting.member, ref, removal.data.index, removal.data.key)
          : await env.offers.removeDocument(acting.member, ref, -1, '');
        return offerOutcomeView(env, outcome, acting, request.verb, acting.tr.t('solutions.document.removed'));
      }),
  };
}
