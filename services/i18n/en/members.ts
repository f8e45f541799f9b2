/** English messages of the members card (admins manage roles and location scopes). */
export const members = {
  'members.title': 'Members of {org}',
  'members.intro': 'Referral admins see every deal. A referral user sees a deal only when on its team and its location is in their scope.',
  'members.role': 'Role',
  'members.scopes': 'Location scopes',
  'members.scopesHint': 'Two-letter country codes, separated by commas (e.g. FR, DE, BE).',
  'members.noScopes': 'none',
  'members.allLocations': 'all locations',
  'members.notInstalled': 'has not installed the bot',
  'members.change': 'Change',
  'members.save': 'Save',
  'members.more': 'Next page',
  'members.saved': 'Saved: {name} is now {role} ({scopes}).',
  'members.summary': '{configured, select, yes {{role} (set by REFERRAL_ADMINS) · {scopes}} other {{role} · {scopes}}}',
  'members.scope': '{country} ({code})',
} as const;
