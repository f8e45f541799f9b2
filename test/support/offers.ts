import {
  addDocument,
  CoSellTabInput,
  createOffer,
  importContacts,
  offerDetailsInput,
  type IncentiveProgram,
  type Offer,
} from '../../services/domain';
import { NOW, unwrap } from './fixtures';

/**
 * A live offer whose co-sell tab holds everything 000/004 require for France (and, with `diagram`, the
 * reference architecture diagram of Azure IP co-sell incentivized): one of "my company's solutions".
 */
export function coSellReadyOffer(tenantId: string, name: string, options: { id?: string; incentive?: IncentiveProgram; diagram?: boolean } = {}): Offer {
  const at = { actor: { kind: 'user' as const, id: 'user-adam', name: 'Adam Admin' }, now: NOW };
  let offer = createOffer(options.id ?? 'O0000000000AB', tenantId, offerDetailsInput(NOW.toISODate()!).parse({ name, offerType: 'saas', listingType: 'transact', liveSince: '2026-10-01' }), at);
  offer = { ...offer, coSell: { ...offer.coSell, ...CoSellTabInput.parse({ platforms: ['Azure'], segments: ['Enterprise'], solutionType: 'ip', solutionAreas: [{ area: 'Data & AI', subAreas: ['Analytics'] }], regions: ['FR'], ...(options.incentive ? { incentive: options.incentive } : {}) }) } };
  for (const kind of ['onePager', 'pitchDeck', ...(options.diagram ? ['referenceArchitecture' as const] : [])] as const) {
    offer = unwrap(addDocument(offer, { kind, fileName: `${kind}.pdf`, url: `https://fabrikam.example/${kind}.pdf` }, at));
  }
  return unwrap(importContacts(offer, [{ name: 'Inès Morel', email: 'ines@fabrikam.example', title: 'AE', role: 'partnerSales', countries: ['FR'], states: [] }], at));
}
