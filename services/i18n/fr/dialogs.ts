import type { dialogs as en } from '../en/dialogs';

/** Messages en français de la création d’une opportunité : un formulaire par étape, la navigation et le récapitulatif. */
export const dialogs = {
  'dialog.stepTitle': 'Nouvelle opportunité · étape {index} sur {total} : {name}',
  'dialog.summaryTitle': 'Nouvelle opportunité · vérifier et créer',
  'dialog.step.customer': 'Client',
  'dialog.step.details': 'Détails de l’opportunité',
  'dialog.step.team': 'Équipe',
  'dialog.step.solutions': 'Solutions',
  'dialog.step.selling': 'Type de vente',
  'dialog.step.partners': 'Inviter des partenaires',
  'dialog.step.summary': 'Récapitulatif',

  'dialog.intro.customer': 'Pour quel client est cette opportunité ? Entrez d’abord l’emplacement, puis le nom.',
  'dialog.intro.details': 'Ce que vous savez de l’opportunité aujourd’hui ; vous pourrez le modifier plus tard (sauf l’emplacement).',
  'dialog.intro.team': 'Les personnes de votre entreprise qui travaillent sur cette opportunité.',
  'dialog.intro.solutions': 'Au moins une solution. Une évaluation de solution compte exactement un type d’évaluation, et rien d’autre.',
  'dialog.intro.selling': 'Deux questions déterminent le type d’opportunité.',
  'dialog.intro.partners': 'Facultatif : invitez d’autres partenaires pour en faire une opportunité partenaire à partenaire. Cliquez sur Suivant pour passer.',
  'dialog.intro.summary': 'Vérifiez tout, puis créez l’opportunité. Elle commence à l’étape Créée (10 %).',

  'dialog.next': 'Suivant',
  'dialog.back': 'Retour',
  'dialog.cancel': 'Annuler',
  'dialog.create': 'Créer l’opportunité',
  'dialog.yes': 'Oui',
  'dialog.no': 'Non',
  'dialog.cancelledTitle': 'Nouvelle opportunité annulée',
  'dialog.cancelled': 'Rien n’a été enregistré. Tapez « nouvelle opportunité » pour recommencer.',
  'dialog.stale': 'Ce formulaire appartient à un brouillon précédent. Voici où vous en êtes.',
  'dialog.moved': 'Vous êtes passé à la suite depuis ce formulaire. Voici où vous en êtes.',
  'dialog.hint': 'Vous créez une opportunité : remplissez le formulaire, ou tapez « retour » ou « annuler ».',
  'dialog.notActive': 'Ce formulaire n’est plus utilisé. Tapez « nouvelle opportunité » pour créer une opportunité.',
  'dialog.notActiveTitle': 'Rien à poursuivre',

  'dialog.customer.hint': 'Beaucoup d’entreprises portent le même nom : le numéro D-U-N-S permet de les distinguer.',
  'dialog.customer.country': 'Pays',
  'dialog.customer.city': 'Ville (facultatif)',
  'dialog.customer.name': 'Nom du client',
  'dialog.customer.duns': 'Numéro D-U-N-S (9 chiffres, facultatif)',
  'dialog.customer.contact': 'Contact principal du client (facultatif)',
  'dialog.customer.contactHint': 'Nécessaire uniquement si vous demandez l’aide de Microsoft.',
  'dialog.consentReminder':
    'Assurez-vous que le client a accepté de partager ses coordonnées avec Microsoft : Microsoft peut le contacter directement au sujet de cette opportunité.',
  'dialog.consent': 'Le client a accepté de partager ce contact avec Microsoft',

  'dialog.details.location': 'Emplacement (le pays de sa portée d’emplacement)',
  'dialog.details.locationHint':
    'Les utilisateurs des recommandations voient l’opportunité si cet emplacement est dans leur portée. Il ne peut pas être modifié après la création.',
  'dialog.details.notes': 'Remarques (facultatif ; le suivi au fil de l’opportunité)',

  'dialog.team.hint': 'Au moins une personne avec nom, téléphone et e-mail. Laissez vides les lignes en trop.',
  'dialog.team.contacts': 'Ajouter des personnes de vos opportunités précédentes',
  'dialog.team.rows': 'Membres de l’équipe',
  'dialog.team.addRow': 'Ajouter une ligne',

  'dialog.solutions.own': 'Solutions de votre entreprise prêtes pour la co-vente',
  'dialog.solutions.noOwn':
    'Aucune solution prête pour la co-vente de votre organisation n’est encore enregistrée dans le bot. Nommez les solutions ci-dessous.',
  'dialog.solutions.microsoft': 'Solutions Microsoft (une par ligne)',
  'dialog.solutions.microsoftHint': 'Azure Migrate',
  'dialog.solutions.thirdParty': 'Solutions d’autres partenaires prêtes pour la co-vente (une par ligne)',
  'dialog.solutions.thirdPartyHint': 'Tailspin Backup (Tailspin Toys)',
  'dialog.solutions.assessment': 'Ou une évaluation de solution',
  'dialog.solutions.assessmentHint':
    'Réservé aux partenaires validés par l’équipe d’évaluation de solution. Dans ce cas, ne choisissez rien d’autre ci-dessus.',
  'dialog.solutions.assessmentType': 'Type d’évaluation',
  'dialog.solutions.assessmentLocation': 'Emplacement de l’évaluation',

  'dialog.selling.help': 'Identifiez le type d’aide dont vous avez besoin auprès de Microsoft',
  'dialog.selling.view': 'Voulez-vous que les vendeurs Microsoft puissent voir cette opportunité ?',
  'dialog.selling.outcomes': 'Ce que vos réponses font de l’opportunité',
  'dialog.selling.when.private': 'Aucune aide, et Non',
  'dialog.selling.then.private':
    'Privée : vous travaillez seul et Microsoft ne voit rien. Jamais éligible à l’inscription de l’opportunité.',
  'dialog.selling.when.partnerLed': 'Aucune aide, et Oui',
  'dialog.selling.then.partnerLed': 'Dirigée par le partenaire : vous travaillez seul et les vendeurs Microsoft peuvent consulter l’opportunité.',
  'dialog.selling.when.coSell': 'Tout type d’aide',
  'dialog.selling.then.coSell':
    'Co-vente : les vendeurs Microsoft ont 14 jours pour décider de participer ; demander de l’aide ne la garantit pas. Nécessite le contact principal du client, partagé avec son consentement.',
  'dialog.selling.when.p2p': 'Partenaires invités (étape suivante)',
  'dialog.selling.then.p2p': 'Partenaire à partenaire, sauf si vous demandez aussi l’aide de Microsoft (alors Co-vente).',
  'dialog.selling.contactNeeded':
    'Pour demander l’aide de Microsoft, revenez à l’étape Client et ajoutez le contact principal, avec le consentement du client.',

  'dialog.partners.invited': 'Invités jusqu’ici',
  'dialog.partners.first': 'Inviter un partenaire',
  'dialog.partners.another': 'Inviter un autre partenaire',
  'dialog.partners.add': 'Ajouter ce partenaire',
  'dialog.partners.added': 'Partenaire ajouté. Ajoutez-en un autre, ou cliquez sur Suivant.',
  'dialog.partners.remove': 'Retirer',
  'dialog.partners.usesBot': 'utilise ce bot : il reçoit l’invitation dans Teams',
  'dialog.partners.tooMany':
    'Au plus {max} partenaires peuvent être invités pendant la création d’une opportunité ; invitez les autres depuis la carte de l’opportunité.',
  'dialog.partners.invalidNow':
    'Une invitation n’est plus valide (par exemple, sa date de clôture est passée). Retirez-la et ajoutez-la de nouveau.',

  'dialog.summary.type': 'Ce sera une opportunité de type {type}.',
  'dialog.summary.explain.private':
    'Les vendeurs Microsoft ne la verront pas. Vous pourrez inviter Microsoft ou des partenaires plus tard, ou autoriser Microsoft à la consulter.',
  'dialog.summary.explain.partnerLed': 'Les vendeurs Microsoft peuvent la consulter. Vous pourrez inviter Microsoft ou des partenaires plus tard.',
  'dialog.summary.explain.coSell': 'Les vendeurs Microsoft ont 14 jours pour décider de participer ; demander de l’aide ne la garantit pas.',
  'dialog.summary.explain.p2p':
    'Les partenaires invités sont prévenus ; ceux qui utilisent ce bot la reçoivent dans Teams. Vous pourrez inviter Microsoft plus tard.',
  'dialog.summary.explain.solutionAssessment':
    'Ses étapes d’évaluation sont obligatoires ; Gagnée n’est possible que lorsqu’elles sont toutes terminées.',
  'dialog.summary.consent': 'Consentement au partage avec Microsoft',
  'dialog.summary.notVisible':
    'Remarque : vous ne verrez plus cette opportunité ensuite, car vous ne faites pas partie de son équipe ou {location} n’est pas dans votre portée d’emplacement.',
} satisfies Record<keyof typeof en, string>;
