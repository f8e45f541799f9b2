import type { members as en } from '../en/members';

/** Messages en français de la carte des membres (les administrateurs gèrent les rôles et les portées d’emplacement). */
export const members = {
  'members.title': 'Membres de {org}',
  'members.intro':
    'Les administrateurs des recommandations voient toutes les opportunités. Un utilisateur des recommandations ne voit une opportunité que s’il fait partie de son équipe et que son emplacement est dans sa portée.',
  'members.role': 'Rôle',
  'members.scopes': 'Portées d’emplacement',
  'members.scopesHint': 'Tapez un pays',
  'members.noScopes': 'aucune',
  'members.allLocations': 'tous les emplacements',
  'members.notInstalled': 'n’a pas installé le bot',
  'members.change': 'Modifier',
  'members.save': 'Enregistrer',
  'members.more': 'Page suivante',
  'members.saved': 'Enregistré : {name} est désormais {role} ({scopes}).',
  'members.summary': '{configured, select, yes {{role} (défini par REFERRAL_ADMINS) · {scopes}} other {{role} · {scopes}}}',
  'members.scope': '{country} ({code})',
  'members.cancel': 'Annuler',
  'members.changeHeading': 'Modifier {name}',
  'members.add': 'Ajouter un collègue',
  'members.addHint':
    'Donnez dès maintenant un rôle et des portées d’emplacement à toute personne de votre organisation, même avant qu’elle installe le bot : quand elle l’installera, elle recevra les recommandations en attente qu’elle peut voir.',
  'members.colleague': 'Collègue',
  'members.colleagueHint': 'Tapez un nom',
  'members.colleagueRequired': 'Choisissez un collègue.',
  'members.unnamed': 'Un collègue qui n’a pas encore ouvert le bot',
  'members.added': 'Enregistré : {name} est {role} ({scopes}) ; cette personne recevra les recommandations qu’elle peut voir quand elle installera le bot.',
} satisfies Record<keyof typeof en, string>;
