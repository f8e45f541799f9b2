/**
 * English messages of the company's own solutions (issue 14): the offers and their Co-sell with
 * Microsoft tab (seeds 000, 004), the contacts CSV as a file or pasted, marketplace rewards per offer
 * (002), solution-assessment vetting and the deal registration form (003). The readiness checklist and
 * the CSV's row errors are in readiness.ts. ICU MessageFormat syntax. Merged by en/index.ts.
 */
export const solutions = {
  // Refusals (services/domain/result.ts).
  'refusal.offers_admin_only': 'Only referral admins can change your company’s offers. Everyone in your organization can view them.',
  'refusal.offer_name_taken': 'Your company already has an offer named “{name}”. Give this one another name.',
  'refusal.offer_other_documents_max': 'This offer already has 5 other documents or videos, the most Partner Center takes. Remove one first.',
  'refusal.offer_document_not_found': 'That document is no longer on this offer.',
  'refusal.offer_contacts_max': 'An offer keeps at most 2,000 contacts. Nothing was imported.',
  'refusal.offer_benefits_max': 'This offer already has 20 benefits.',
  'refusal.assessment_vetting_global_admin_only': 'Only a referral admin with global scope can record whether your organization is vetted for solution assessments.',
  'refusal.registration_solution_not_on_deal': '“{name}” is not an incentive-eligible solution of this deal.',

  // Incentive programmes (003 FAQ: the IP incentives eligible for deal registration).
  'incentive.azureIpCoSell': 'Azure IP co-sell',
  'incentive.bizAppsPremium': 'Biz apps premium',
  'incentive.bizAppsStandard': 'Biz apps standard',
  'deal.solution.ownWithIncentive': '{name} (your company · {incentive})',

  // Deal registration (003).
  'deal.register.title': 'Register “{name}”',
  'deal.register.intro': 'Microsoft reviews what you give here and may ask for more during the review. Its progress then shows on the deal.',
  'deal.register.warning': 'Register the deal only if your company name and the incentive-eligible solution are clearly mentioned in the contract with the customer.',
  'deal.register.solutions': 'Incentive-eligible solutions named in the customer contract',
  'deal.register.contractSignedOn': 'Date the customer contract was signed',
  'deal.register.contractReference': 'Contract reference (optional)',
  'deal.register.notes': 'Notes for Microsoft’s reviewers (optional)',
  'deal.register.confirmLabel': 'Customer contract',
  'deal.register.confirm': 'Our company name and the selected solutions are clearly mentioned in the contract with the customer.',
  'deal.register.submit': 'Register',
  'deal.register.details': 'Contract signed {date}: {solutions}',
  'deal.register.detailsWithReference': 'Contract {reference}, signed {date}: {solutions}',
  'deal.register.validated': 'Validation is complete: the deal is closed.',
  'v.offerId': 'Not an offer id.',
  'v.offer.liveInFuture': 'Choose the day it went live: today or earlier. Leave it empty while the offer is not live.',
  'v.offer.listMax': 'Too many: enter at most 20 lines (countries: at most 250).',
  'v.offer.benefitsMax': 'An offer holds at most 20 benefits.',
  'v.registration.confirm': 'Confirm that your company name and the solution are clearly in the customer contract.',
  'v.registration.solution': 'Choose at least one solution named in the contract.',
  'v.registration.signedInFuture': 'Choose today or an earlier date.',
} as const;
