/**
 * English messages for the co-sell readiness of an offer (seeds 000, 004) and marketplace rewards
 * (seed 002): the checklist of readiness gaps, the contacts CSV errors, the schema messages of
 * services/domain/coSellReadiness.ts and marketplaceRewards.ts, and the rewards refusals.
 * ICU MessageFormat syntax. Merged into the catalog by services/i18n/en/index.ts.
 */
export const readiness = {
  'readiness.title': 'Co-sell readiness',
  'readiness.ready': 'This offer has everything the Co-sell with Microsoft tab needs.',
  'readiness.notReady': '{count, plural, one {One thing is missing} other {# things are missing}} before this offer can be co-sell ready.',

  // One line of the checklist per gap (services/domain/coSellReadiness.ts ReadinessGap).
  'readiness.gap.platformMissing': 'Select one or more Microsoft platforms your offer is built on, extends or integrates with.',
  'readiness.gap.segmentMissing': 'Select one or more market segments your offer targets.',
  'readiness.gap.solutionTypeMissing': 'Select the one solution type that best fits your offer: Device (hardware), IP (application), Managed service or Service.',
  'readiness.gap.solutionAreaMissing': 'Add at least one solution area (up to 5).',
  'readiness.gap.subAreaMissing': 'Select at least one sub-area (up to 5) for the solution area “{area}”.',
  'readiness.gap.onePagerMissing': 'Upload the solution/offer one-pager.',
  'readiness.gap.pitchDeckMissing': 'Upload the solution/offer pitch deck.',
  'readiness.gap.referenceArchitectureMissing': 'Upload the reference architecture diagram: Azure IP co-sell incentivized status requires it.',
  'readiness.gap.productLandingPageMissing': 'Enter the link to your product landing page.',
  'readiness.gap.regionMissing': 'Choose the countries or regions where the offer should be co-sell ready.',
  'readiness.gap.partnerSalesContactMissing': 'Add a Partner sales contact for {region}: each country or region where the offer should be co-sell ready needs one.',

  // Contacts CSV import: "Line {line}, {column}: {problem}".
  'readiness.csv.at': 'Line {line}, {column}: {problem}',
  'readiness.csv.atLine': 'Line {line}: {problem}',
  'readiness.csv.failed': 'Nothing was imported, so your current contacts are unchanged. Fix the file and import it again: an import replaces all contacts.',
  'readiness.csv.imported': '{count, plural, one {One contact imported} other {# contacts imported}}; they replace all earlier contacts.',
  'readiness.csv.missingHeader': 'The file is empty. Start from the contacts template: a header row, then one contact per row.',
  'readiness.csv.missingColumn': 'The header row has no such column; the template has Name, Email, Title, Role, Countries/Regions and, optionally, States/Provinces.',
  'readiness.csv.duplicateColumn': 'This column appears twice in the header row.',
  'readiness.csv.noContacts': 'The file has a header row but no contacts. An import replaces all contacts, so an empty file is not imported.',
  'readiness.csv.fieldCount': 'This row does not have as many values as the header row has columns. Put a list of countries between double quotes, such as "US, CA, FR".',
  'readiness.csv.unterminatedQuote': 'A value opened with a double quote is never closed.',
  'readiness.csv.malformedQuote': 'A double quote is out of place. Put the whole value between double quotes and double any quote inside it.',
  'readiness.csv.required': 'Required.',
  'readiness.csv.tooLong': 'Too long.',
  'readiness.csv.email': 'Enter an email address.',
  'readiness.csv.role': '“{value}” is not a role. Use Partner marketing, Partner sales, Partner technical sales or Partner customer success manager.',
  'readiness.csv.country': '“{value}” is not a two-letter country or region code. For every country and region, use OOO (three capital letters O).',
  'readiness.csv.allCountriesNotAlone': 'OOO already means every country and region: leave it alone, or list two-letter codes instead.',
  'readiness.csv.state': '“{value}” is not a state or province in the XX-XX format, such as US-WA.',
  'readiness.csv.stateOutsideCountries': 'The state or province “{value}” is not in one of this contact’s countries or regions.',

  'readiness.column.name': 'Name',
  'readiness.column.email': 'Email',
  'readiness.column.title': 'Title',
  'readiness.column.role': 'Role',
  'readiness.column.countries': 'Countries/Regions',
  'readiness.column.states': 'States/Provinces',

  'readiness.solutionType.device': 'Device (hardware)',
  'readiness.solutionType.ip': 'IP (application)',
  'readiness.solutionType.managedService': 'Managed service',
  'readiness.solutionType.service': 'Service',

  'readiness.contactRole.partnerMarketing': 'Partner marketing',
  'readiness.contactRole.partnerSales': 'Partner sales',
  'readiness.contactRole.partnerTechnicalSales': 'Partner technical sales',
  'readiness.contactRole.partnerCustomerSuccessManager': 'Partner customer success manager',

  'readiness.documentKind.onePager': 'Solution/offer one-pager',
  'readiness.documentKind.pitchDeck': 'Solution/offer pitch deck',
  'readiness.documentKind.caseStudy': 'Customer case study',
  'readiness.documentKind.customerWins': 'Verifiable customer wins',
  'readiness.documentKind.channelPitchDeck': 'Channel pitch deck',
  'readiness.documentKind.referenceArchitecture': 'Reference architecture diagram',
  'readiness.documentKind.other': 'Other document or video',

  // Validation beside a field of the co-sell listing or the rewards page.
  'v.coSell.offerType': 'Co-sell is not available for this type of offer.',
  'v.coSell.solutionAreasMax': 'Choose at most 5 solution areas.',
  'v.coSell.subAreasMax': 'Choose at most 5 sub-areas for each solution area.',
  'v.coSell.otherDocumentsMax': 'Upload at most 5 other documents or videos.',
  'v.coSell.fileType': 'Upload a .pdf, .ppt, .pptx, .doc, .docx, .xls, .xlsx, .jpg, .png or .mp4 file.',
  'v.coSell.url': 'Enter a web address starting with https:// or http://.',
  'v.coSell.documentUrl': 'Enter a link to the document starting with https://.',
  'v.coSell.state': 'Enter a state or province in the XX-XX format, such as US-WA.',
  'v.coSell.stateOutsideCountries': 'This state or province is not in one of the contact’s countries or regions.',
  'v.rewards.language': 'Enter a language, such as en-US or fr-FR.',

  // Marketplace rewards refusals (services/domain/marketplaceRewards.ts RewardsRefusalCode).
  'refusal.rewards_contact_not_account_user': 'The marketing contact must be one of your Partner Center account’s users. Add them under Account settings first.',
  'refusal.rewards_contact_email_is_account_email': 'Give the marketing contact an email address other than your company’s Partner Center account email.',
  'refusal.rewards_benefit_not_found': 'That benefit is not on your Marketplace Rewards page.',
  'refusal.rewards_benefit_already_active': '{name} is already activated.',
  'refusal.rewards_offer_not_live': 'Benefits can be activated once one of your offers is live on Azure Marketplace or AppSource.',
  'refusal.rewards_marketing_contact_required': 'Assign a company marketing contact before activating a benefit: the rewards team will reach them within a week.',

  'rewards.contactExpectedBy': 'The rewards team should contact your marketing contact by {date}.',
  'rewards.lookForOfferOwner':
    'This offer has been live for more than four weeks without a rewards message. Check in Partner Center who owns the offer: they should have it. If the owner is unknown or has left, open a support ticket.',
} as const;
