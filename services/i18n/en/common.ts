/**
 * English messages shared by every part of the bot: help, errors, refusals, validation and the names
 * of the domain's values. ICU MessageFormat syntax ({name}, {n, plural, ...}).
 */
export const common = {
  'app.name': 'Co-sell',
  'app.tagline': 'Your Partner Center co-sell deals, in Teams.',
  // The Teams app package (manifest/manifest.json and its language files): name and descriptions as Teams lists the app.
  'app.fullName': 'Co-sell for Microsoft partners',
  'app.description':
    'Co-sell brings your Partner Center co-sell referrals into Microsoft Teams. New inbound referrals arrive in your personal chat as cards you can accept or decline in one click, and you are reminded before a referral expires (14 days). Create deals, mark sales stages, close them as won or lost, and keep your favorite deals at hand. In group chats and team channels the bot answers too, without showing any deal there.',

  'help.title': 'Co-sell assistant',
  'help.intro':
    'I bring your Partner Center co-sell referrals into Teams: new inbound referrals arrive here as cards you can accept or decline in one click, and I remind you before a referral expires (14 days). You can also create deals, mark sales stages and close them as won or lost.',
  'help.commandsTitle': 'What you can type',
  // The command words the help card and Teams' command menu show, as a reader of this language types
  // them; messages that quote a command use the same words. The parser (bot/commands/parse.ts) accepts
  // the words of every language, whatever the reader's, with case, accents and small typos forgiven.
  'command.help': 'help',
  'command.newDeal': 'new deal',
  'command.inbound': 'inbound',
  'command.outbound': 'outbound',
  'command.favorites': 'favorites',
  'command.deal': 'deal',
  'command.members': 'members',
  // Other words the parser accepts for the same command, never shown: comma-separated (、 in Chinese), empty for none.
  'command.help.also': 'menu, start, hello, hi',
  'command.newDeal.also': 'create deal, create',
  'command.inbound.also': 'referrals',
  'command.outbound.also': '',
  'command.favorites.also': 'favourites, favs',
  'command.deal.also': 'open',
  'command.members.also': '',
  // After inbound, outbound or favorites: which of its deals the list shows (open when nothing follows).
  'command.filter.open': 'open',
  'command.filter.closed': 'closed',
  'command.filter.all': 'all',
  'command.filter.open.also': '',
  'command.filter.closed.also': '',
  'command.filter.all.also': '',
  // Typed while the create-deal dialog waits for a form (dialogs/host.ts).
  'command.back': 'back',
  'command.back.also': 'previous',
  'command.cancel': 'cancel',
  'command.cancel.also': 'stop, quit, exit, abort',
  'help.command.help': 'show this help',
  'help.command.newDeal': 'create a deal, step by step',
  'help.command.inbound': 'referrals sent to your organization',
  'help.command.outbound': 'deals your organization created',
  'help.command.favorites': 'deals you marked with a heart',
  'help.command.deal': 'open one deal by name or id',
  // What follows "deal" in the help card. Square brackets: cards render TextBlock text as Markdown, where <…> can be taken for HTML and dropped.
  'help.command.dealArgument': '[name or id]',
  // What may follow inbound, outbound and favorites in the help card: the filter words above.
  'help.command.listArgument': '[{open} / {closed} / {all}]',
  'help.command.members': 'manage who sees which deals (admins)',
  'help.unknown': 'I did not understand "{text}". Here is what I can do.',
  'help.yourRole': 'Your role: {role}',
  'help.action.inbound': 'Inbound referrals',
  'help.action.newDeal': 'New deal',
  'welcome.title': 'Welcome to Co-sell',
  'help.introShared':
    'I bring your organization’s Partner Center co-sell referrals into Teams. Deals, referrals and members are private: I send them only to the people allowed to see them, in their personal chat with me, never into a shared chat like this one. You can type the commands below here too; I answer them in your personal chat.',

  'shared.sentTitle': 'Answered in your personal chat',
  'shared.sent': 'Deals, referrals and members are private, so I answered you in our personal chat.',
  'shared.unreachableTitle': 'Only in a personal chat',
  'shared.unreachable':
    'Deals, referrals and members are private: I show them only in a personal chat with me, and I cannot open one with you yet. In Teams, open Apps, find Co-sell and select Add, then ask me there.',

  'error.generic': 'Something went wrong on our side and nothing was changed. Please try again in a moment.',
  'error.title': 'That did not work',
  'error.unknownAction': 'This card is out of date or was not made by me. Open the deal again with "deal" and its name.',
  'error.badCardData': 'This card sent something I cannot read. Open the deal again with "deal" and its name.',
  'error.dealNotFound': 'I could not find that deal. It may have been removed, or it belongs to another organization.',
  'error.conflict': 'Someone changed this deal at the same moment. Here is how it looks now.',
  'error.busy': 'I am very busy right now. Please try again in a few seconds.',
  'invoke.notSupported': 'Co-sell cannot do that. Type "help" in a chat with Co-sell to see what it can do.',

  // Refusals: the reason a seller reads when an action is not allowed.
  'refusal.deal_closed': 'This deal is {status} and closed: it can be viewed but not changed.',
  'refusal.not_received': 'This referral has already been answered.',
  'refusal.not_open': 'This deal is not open: accept the referral before working on it.',
  'refusal.referral_expired': 'This referral expired: its 14 days to respond are over.',
  'refusal.not_yet_expired': 'This referral has not expired yet.',
  'refusal.stage_not_allowed': 'The stage "{stage}" cannot be marked on this deal.',
  'refusal.stage_unchanged': 'The deal is already at that stage.',
  'refusal.assessment_stage_out_of_order': 'Assessment stages are completed in order: the next one is "{next}".',
  'refusal.assessment_stages_incomplete': 'Complete every assessment stage before marking this deal as won.',
  'refusal.assessment_only_stages': 'A solution assessment deal uses its own stages.',
  'refusal.assessment_not_vetted': 'Only partners vetted by the solution assessments team can create solution assessment deals.',
  'refusal.assessment_no_invitations': 'A solution assessment deal cannot ask for Microsoft help, be shown to Microsoft sellers or invite partners.',
  'refusal.assessment_kind_fixed': 'A solution assessment stays a solution assessment, and other deals cannot become one.',
  'refusal.assessment_exclusive': 'A solution assessment has exactly one assessment type and no other solution.',
  'refusal.assessment_location_required': 'Choose the location the assessment is for.',
  'refusal.solution_required': 'Add at least one solution.',
  'refusal.location_not_editable': 'The location of a deal cannot be changed after it is created.',
  'refusal.field_not_editable': 'The field "{field}" cannot be edited.',
  'refusal.customer_contact_required': 'Microsoft needs the customer’s main contact (name, phone and email) to help.',
  'refusal.customer_consent_required': 'Confirm that the customer agreed to share their contact with Microsoft.',
  'refusal.help_required': 'Choose the kind of help you need from Microsoft.',
  'refusal.microsoft_already_invited': 'Microsoft is already engaged on this deal.',
  'refusal.microsoft_already_can_view': 'Microsoft sellers can already view this deal.',
  'refusal.microsoft_not_invited': 'Microsoft was not invited to this deal.',
  'refusal.microsoft_window_closed': 'Microsoft’s 14 days to decide are over.',
  'refusal.invite_partners_inbound': 'Partners can be invited only on co-sell deals your organization created, never on inbound ones.',
  'refusal.invite_not_allowed_for_type': 'That invitation is not possible on a {type} deal.',
  'refusal.partner_already_invited': '{partner} is already invited.',
  'refusal.cannot_invite_self': 'You cannot invite your own organization.',
  'refusal.invitation_not_found': 'That invitation is not on this deal.',
  'refusal.invitation_locked': 'After the deal is created only {partner} can change its {field}.',
  'refusal.invitation_not_pending': 'That invitation was already answered ({status}).',
  'refusal.registration_not_eligible': 'This deal is not eligible for deal registration.',
  'refusal.registration_already_submitted': 'This deal is already registered ({status}).',
  'refusal.registration_not_submitted': 'This deal has not been registered.',
  'refusal.registration_transition': 'Registration cannot go from {from} to {to}.',
  'refusal.other_organization': 'This deal belongs to another organization.',
  'refusal.not_visible': 'You can see this deal only if you are on its team and {location} is in your location scope. Ask a referral admin.',
  'refusal.not_permitted': 'Only a referral admin can do that.',
  'refusal.last_global_admin': 'Your organization needs at least one referral admin with global scope.',
  'refusal.invalid_location_scope': '"{value}" is not a two-letter country code.',
  'refusal.member_not_found': 'That person has not installed the bot yet.',
  'refusal.admin_by_configuration': 'This person is a referral admin by the bot’s configuration (REFERRAL_ADMINS); change it there.',

  // Validation: shown beside the field.
  'v.required': 'Required.',
  'v.invalid': 'This value is not valid.',
  'v.tooLong': 'Too long.',
  'v.tooLarge': 'Too large.',
  'v.number': 'Enter a number.',
  'v.nonNegative': 'Enter zero or more.',
  'v.currency': 'Enter an ISO 4217 currency code, such as EUR or USD.',
  'v.country': 'Enter a two-letter country code, such as FR or US.',
  'v.date': 'Enter a date as YYYY-MM-DD.',
  'v.dateTime': 'Enter a date and time in ISO 8601, such as 2026-11-20T09:30:00Z.',
  'v.dateInPast': 'Choose today or a later date.',
  'v.dateOutOfRange': 'Enter a date from 2000 to 2100.',
  'v.email': 'Enter an email address.',
  'v.phone': 'Enter a phone number.',
  'v.duns': 'A D-U-N-S number has exactly 9 digits.',
  'v.dealId': 'Not a deal id.',
  'v.teamRequired': 'Add at least one team member with name, phone and email.',
  'v.solutionRequired': 'Add at least one solution.',
  'v.reasonOther': 'Say why you decline.',
  'v.choice': 'Choose one of the options.',
  'v.senderType': 'Must be "Microsoft" or "Partner".',
  'v.expiresBeforeCreated': 'Must be later than createdDateTime.',
  'v.windowTooLong': 'Must be at most one year after createdDateTime.',
  'v.createdTooEarly': 'Must be in 2000 or later.',
  'v.createdInFuture': 'Must not be more than a day after the time of receipt.',

  'role.globalAdmin': 'Referral admin (global scope)',
  'role.admin': 'Referral admin',
  'role.user': 'Referral user',

  'direction.inbound': 'Inbound',
  'direction.outbound': 'Outbound',

  'dealType.coSell': 'Co-sell',
  'dealType.p2p': 'Partner to partner',
  'dealType.private': 'Private',
  'dealType.partnerLed': 'Partner-led',
  'dealType.solutionAssessment': 'Solution assessment',

  'status.received': 'Received',
  'status.open': 'Open',
  'status.won': 'Won',
  'status.lost': 'Lost',
  'status.declined': 'Declined',
  'status.expired': 'Expired',

  'stage.created': 'Created',
  'stage.accepted': 'Accepted',
  'stage.qualified': 'Qualified',
  'stage.developed': 'Developed',
  'stage.proposed': 'Proposed',
  'stage.negotiated': 'Negotiated',
  'stage.won': 'Won',

  'assessmentStage.engaged': 'Customer engaged',
  'assessmentStage.discovery': 'Discovery complete',
  'assessmentStage.analysis': 'Analysis complete',
  'assessmentStage.findingsPresented': 'Findings presented',

  'helpKind.none': 'No help required at this point of time',
  'helpKind.technicalPresales': 'Technical pre-sales',
  'helpKind.solutionArchitecture': 'Solution architecture',
  'helpKind.proofOfConcept': 'Proof of concept or demo',
  'helpKind.pricingAndDealStructure': 'Pricing and deal structure',
  'helpKind.customerIntroduction': 'Introduction to the customer',
  'helpKind.businessValue': 'Business value proposition',
  'helpKind.postSales': 'Post-sales and deployment',
  'helpKind.other': 'Other',

  'declineReason.notAFit': 'Not a fit for our solutions',
  'declineReason.noCapacity': 'No capacity right now',
  'declineReason.customerNotReachable': 'Could not reach the customer',
  'declineReason.duplicate': 'Duplicate of a deal we already have',
  'declineReason.outsideLocation': 'Outside the locations we serve',
  'declineReason.budgetOrTiming': 'Budget or timing does not work',
  'declineReason.other': 'Other',

  'microsoftStatus.notInvited': 'Not invited',
  'microsoftStatus.invited': 'Invited, deciding',
  'microsoftStatus.engaged': 'Engaged',
  'microsoftStatus.declined': 'Declined',
  'microsoftStatus.noResponse': 'Did not answer in 14 days',

  'invitationStatus.pending': 'Pending',
  'invitationStatus.accepted': 'Accepted',
  'invitationStatus.declined': 'Declined',
  'invitationStatus.expired': 'Expired',

  'registrationStatus.submitted': 'Submitted',
  'registrationStatus.inReview': 'In review',
  'registrationStatus.actionRequired': 'Action required',
  'registrationStatus.validated': 'Validated',

  // Countdowns (services/i18n countdown()): `unit` is the largest unit that is not zero ("none" under a
  // minute); the next smaller unit follows unless it is 0. Whole sentences, so no language is mixed in.
  'time.left':
    '{unit, select, day {{days, plural, one {# day} other {# days}}{hours, plural, =0 {} one {, # hour} other {, # hours}} left} hour {{hours, plural, one {# hour} other {# hours}}{minutes, plural, =0 {} one {, # minute} other {, # minutes}} left} minute {{minutes, plural, one {# minute} other {# minutes}} left} other {less than a minute left}}',
  'time.overdue':
    '{unit, select, day {overdue by {days, plural, one {# day} other {# days}}{hours, plural, =0 {} one {, # hour} other {, # hours}}} hour {overdue by {hours, plural, one {# hour} other {# hours}}{minutes, plural, =0 {} one {, # minute} other {, # minutes}}} minute {overdue by {minutes, plural, one {# minute} other {# minutes}}} other {overdue by less than a minute}}',

  // When a card would be larger than Teams accepts (about 28 KB): the compact card that replaces it.
  // The text of a card's notification in Teams' activity feed and toasts: a label and its text, joined as the language writes them.
  'notification.summary': '{label}: {text}',
  // Two sentences one after the other, as the language writes them (Chinese puts no space after 。).
  // Who did something, where no name was given: the bot itself (expiry, reminders), or someone Teams named with nothing.
  'actor.system': 'Co-sell bot',
  'actor.unnamed': 'Unknown user',
  'card.twoSentences': '{first} {second}',
  'card.listMore': '{items} and {count, plural, one {one more} other {# more}}',
  'card.tooLarge': 'This holds more text than one Teams card can show, so it is not shown here.',
  'card.form.tooLarge': 'This form cannot be shown: with everything the deal holds (notes, solutions, team) it would be larger than Teams accepts.',
} as const;
