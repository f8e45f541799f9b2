import type { readiness as en } from '../en/readiness';

/**
 * Messages en français de la préparation à la co-vente d’une offre (seeds 000, 004) et des récompenses de
 * la Place de marché (seed 002), avec les termes de ces pages.
 */
export const readiness = {
  'readiness.title': 'Préparation à la co-vente',
  'readiness.ready': 'Cette offre contient tout ce dont l’onglet Co-vendre avec Microsoft a besoin.',
  'readiness.notReady':
    '{count, plural, one {Il manque un élément} other {Il manque # éléments}} pour que cette offre soit prête pour la co-vente.',

  'readiness.gap.platformMissing': 'Sélectionnez une ou plusieurs plateformes Microsoft pour lesquelles votre offre est conçue, ou auxquelles elle s’étend ou s’intègre.',
  'readiness.gap.segmentMissing': 'Sélectionnez un ou plusieurs segments de marché que vous ciblez avec votre offre.',
  'readiness.gap.solutionTypeMissing':
    'Sélectionnez le type de solution qui correspond le mieux à votre offre : Appareil (matériel), IP (application), Service managé ou Service.',
  'readiness.gap.solutionAreaMissing': 'Ajoutez au moins un domaine fonctionnel (5 au maximum).',
  'readiness.gap.subAreaMissing': 'Sélectionnez au moins un sous-domaine fonctionnel (5 au maximum) pour le domaine fonctionnel « {area} ».',
  'readiness.gap.onePagerMissing': 'Chargez la page de la solution/offre.',
  'readiness.gap.pitchDeckMissing': 'Chargez le jeu de diapositives de la solution/offre.',
  'readiness.gap.referenceArchitectureMissing':
    'Chargez le diagramme de l’architecture de référence : le statut de co-vente Azure IP avec incentives l’exige.',
  'readiness.gap.productLandingPageMissing': 'Entrez le lien vers la page d’accueil de votre produit.',
  'readiness.gap.regionMissing': 'Choisissez les pays ou régions où l’offre doit être prête pour la co-vente.',
  'readiness.gap.partnerSalesContactMissing':
    'Ajoutez un contact Ventes partenaires pour {region} : chaque pays ou région où l’offre doit être prête pour la co-vente en exige un.',

  'readiness.csv.at': 'Ligne {line}, {column} : {problem}',
  'readiness.csv.atLine': 'Ligne {line} : {problem}',
  'readiness.csv.failed':
    'Rien n’a été importé : vos contacts actuels sont inchangés. Corrigez le fichier et importez-le de nouveau : une importation remplace tous les contacts.',
  'readiness.csv.imported': '{count, plural, one {# contact importé} other {# contacts importés}} ; ils remplacent tous les contacts précédents.',
  'readiness.csv.missingHeader': 'Le fichier est vide. Partez du modèle de contacts : une ligne d’en-tête, puis un contact par ligne.',
  'readiness.csv.missingColumn':
    'La ligne d’en-tête n’a pas cette colonne ; le modèle contient Nom, E-mail, Poste, Rôle, Pays/Régions et, en option, États/Provinces.',
  'readiness.csv.duplicateColumn': 'Cette colonne apparaît deux fois dans la ligne d’en-tête.',
  'readiness.csv.noContacts':
    'Le fichier a une ligne d’en-tête mais aucun contact. Une importation remplace tous les contacts : un fichier vide n’est donc pas importé.',
  'readiness.csv.fieldCount':
    'Cette ligne n’a pas autant de valeurs que la ligne d’en-tête a de colonnes. Mettez une liste de pays entre guillemets droits, par exemple "US, CA, FR".',
  'readiness.csv.unterminatedQuote': 'Une valeur ouverte par un guillemet droit n’est jamais fermée.',
  'readiness.csv.malformedQuote':
    'Un guillemet droit est mal placé. Mettez toute la valeur entre guillemets droits et doublez chaque guillemet qu’elle contient.',
  'readiness.csv.required': 'Obligatoire.',
  'readiness.csv.tooLong': 'Trop long.',
  'readiness.csv.email': 'Entrez une adresse e-mail.',
  'readiness.csv.role':
    '« {value} » n’est pas un rôle. Utilisez Marketing partenaires, Ventes partenaires, Support technico-commercial partenaires ou Responsable réussite clients partenaires.',
  'readiness.csv.country':
    '« {value} » n’est pas un code de pays ou de région à deux lettres. Pour l’ensemble des pays et régions, utilisez OOO (trois lettres O majuscules).',
  'readiness.csv.allCountriesNotAlone': 'OOO désigne déjà l’ensemble des pays et régions : utilisez-le seul, ou listez plutôt des codes à deux lettres.',
  'readiness.csv.state': '« {value} » n’est pas un État ou une province au format XX-XX, par exemple US-WA.',
  'readiness.csv.stateOutsideCountries': 'L’État ou la province « {value} » ne se trouve dans aucun des pays ou régions de ce contact.',

  'readiness.column.name': 'Nom',
  'readiness.column.email': 'E-mail',
  'readiness.column.title': 'Poste',
  'readiness.column.role': 'Rôle',
  'readiness.column.countries': 'Pays/Régions',
  'readiness.column.states': 'États/Provinces',

  'readiness.solutionType.device': 'Appareil (matériel)',
  'readiness.solutionType.ip': 'IP (application)',
  'readiness.solutionType.managedService': 'Service managé',
  'readiness.solutionType.service': 'Service',

  'readiness.contactRole.partnerMarketing': 'Marketing partenaires',
  'readiness.contactRole.partnerSales': 'Ventes partenaires',
  'readiness.contactRole.partnerTechnicalSales': 'Support technico-commercial partenaires',
  'readiness.contactRole.partnerCustomerSuccessManager': 'Responsable réussite clients partenaires',

  'readiness.documentKind.onePager': 'Page de la solution/offre',
  'readiness.documentKind.pitchDeck': 'Jeu de diapositives de la solution/offre',
  'readiness.documentKind.caseStudy': 'Étude de cas client',
  'readiness.documentKind.customerWins': 'Succès clients vérifiables',
  'readiness.documentKind.channelPitchDeck': 'Jeu de diapositives destiné aux partenaires',
  'readiness.documentKind.referenceArchitecture': 'Diagramme de l’architecture de référence',
  'readiness.documentKind.other': 'Autre document ou vidéo',

  'v.coSell.offerType': 'La co-vente n’est pas disponible pour ce type d’offre.',
  'v.coSell.solutionAreasMax': 'Choisissez au plus 5 domaines fonctionnels.',
  'v.coSell.subAreasMax': 'Choisissez au plus 5 sous-domaines fonctionnels par domaine fonctionnel.',
  'v.coSell.otherDocumentsMax': 'Chargez au plus 5 autres documents ou vidéos.',
  'v.coSell.fileType': 'Chargez un fichier .pdf, .ppt, .pptx, .doc, .docx, .xls, .xlsx, .jpg, .png ou .mp4.',
  'v.coSell.url': 'Entrez une adresse web qui commence par https:// ou http://.',
  'v.coSell.documentUrl': 'Entrez un lien vers le document commençant par https://.',
  'v.coSell.state': 'Entrez un État ou une province au format XX-XX, par exemple US-WA.',
  'v.coSell.stateOutsideCountries': 'Cet État ou cette province ne se trouve dans aucun des pays ou régions du contact.',
  'v.rewards.language': 'Entrez une langue, par exemple en-US ou fr-FR.',

  'refusal.rewards_contact_not_account_user':
    'Le contact marketing doit être l’un des utilisateurs du compte de l’Espace partenaires. Ajoutez-le d’abord dans Paramètres du compte.',
  'refusal.rewards_contact_email_is_account_email':
    'Donnez au contact marketing une adresse e-mail différente de celle associée au compte de l’Espace partenaires de votre société.',
  'refusal.rewards_benefit_not_found': 'Cet avantage ne figure pas sur votre page Récompenses de la Place de marché.',
  'refusal.rewards_benefit_already_active': '{name} est déjà activé.',
  'refusal.rewards_offer_not_live': 'Les avantages peuvent être activés dès que l’une de vos offres est active sur la Place de marché Azure ou sur AppSource.',
  'refusal.rewards_marketing_contact_required':
    'Attribuez un contact marketing d’entreprise avant d’activer un avantage : l’équipe Récompenses le contactera dans un délai d’une semaine.',

  'rewards.contactExpectedBy': 'L’équipe Récompenses devrait contacter votre contact marketing d’ici le {date}.',
  'rewards.lookForOfferOwner':
    'Cette offre est publiée depuis plus de quatre semaines sans message concernant les récompenses. Vérifiez dans l’Espace partenaires qui est le propriétaire de l’offre : c’est cette personne qui devrait l’avoir reçu. Si le propriétaire est inconnu ou a quitté l’entreprise, ouvrez un ticket de support.',
} satisfies Record<keyof typeof en, string>;
