import type { members as en } from '../en/members';

/** Messages en français de la carte des membres (les administrateurs gèrent les rôles et les portées d’emplacement). */
export const members = {
  'members.title': 'Membres de {org}',
  'members.intro':
    'Les administrateurs des recommandations voient toutes les opportunités. Un utilisateur des recommandations ne voit une opportunité que s’il fait partie de son équipe et que son emplacement est dans sa portée.',
  'members.role': 'Rôle',
  'members.scopes': 'Portées d’emplacement',
  'members.scopesHint': 'Codes de pays à deux lettres, séparés par des virgules (par exemple FR, DE, BE).',
  'members.noScopes': 'aucune',
  'members.allLocations': 'tous les emplacements',
  'members.notInstalled': 'n’a pas installé le bot',
  'members.change': 'Modifier',
  'members.save': 'Enregistrer',
  'members.more': 'Page suivante',
  'members.saved': 'Enregistré : {name} est désormais {role} ({scopes}).',
  'members.summary': '{configured, select, yes {{role} (défini par REFERRAL_ADMINS) · {scopes}} other {{role} · {scopes}}}',
  'members.scope': '{country} ({code})',
} satisfies Record<keyof typeof en, string>;
