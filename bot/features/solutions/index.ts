import type { Feature } from '../feature';
import { solutionsCommand } from './command';
import { exportContacts, importContacts, showImportForm } from './contacts';
import { addDocument, removeDocument, showDocumentForm } from './documents';
import { fileInterceptor } from './files';
import { listOffers } from './list';
import { showOfferForm } from './offerForm';
import { removeOffer } from './remove';
import { activateBenefit, recordBenefitContact, recordRewardsMessage, saveMarketingContact, showMarketingForm } from './rewards';
import { createOffer, editOffer } from './saveOffer';
import { showOffer } from './show';
import { saveCoSellTab, showCoSellTabForm } from './tab';
import { recordVetting } from './vetting';

/**
 * The company's own solutions (issue 14): `solutions` lists the organization's marketplace offers;
 * each offer's card shows its co-sell readiness and rewards, and referral admins change it — the
 * offer, its Co-sell with Microsoft tab, documents (a link, or a file sent in chat), contacts (a CSV
 * file sent in chat, or pasted), its marketing contact and benefits. A referral admin with global
 * scope records the solution-assessment vetting. Files sent in the personal chat are taken before
 * commands are read.
 */
export const solutions: Feature = {
  name: 'solutions',
  register({ commands, cardActions }, services) {
    commands.intercept(fileInterceptor(services)).on('solutions', solutionsCommand(services));
    cardActions.register(
      listOffers(services),
      showOffer(services),
      showOfferForm(services),
      createOffer(services),
      editOffer(services),
      showCoSellTabForm(services),
      saveCoSellTab(services),
      showDocumentForm(services),
      addDocument(services),
      removeDocument(services),
      showImportForm(services),
      importContacts(services),
      exportContacts(services),
      showMarketingForm(services),
      saveMarketingContact(services),
      activateBenefit(services),
      recordBenefitContact(services),
      recordRewardsMessage(services),
      removeOffer(services),
      recordVetting(services),
    );
  },
};
