import type { find as en } from '../en/find';

/**
 * Messages en français pour trouver et voir les opportunités : la recherche (`rechercher <mots>`, la zone de
 * recherche des listes) et le pipeline des ventes (`prévisions`). Termes de docs/glossary.md.
 */
export const find = {
  'help.command.search': 'trouver des opportunités par nom, client, ID, ID CRM ou partenaire',
  'help.command.pipeline': 'opportunités ouvertes par étape, prévisions, ce qui se clôt bientôt',

  // Recherche.
  'search.title': 'Rechercher des opportunités',
  'search.titleWords': 'Opportunités correspondant à « {words} »',
  'search.prompt':
    'Tapez une partie du nom d’une opportunité, son client, son ID, son ID CRM ou un partenaire : les fautes de frappe et les accents ne comptent pas. Vous pouvez aussi taper étape:qualifiée, entrant ou sortant, avant:2027-03-31.',
  'search.query': 'Rechercher',
  'search.placeholder': 'Nom, client, ID, ID CRM ou partenaire',
  'search.listPlaceholder': 'Rechercher des opportunités',
  'search.stage': 'Étape',
  'search.anyStage': 'Toutes les étapes',
  'search.direction': 'Sens',
  'search.anyDirection': 'Entrantes et sortantes',
  'search.closeBy': 'Clôture au plus tard le',
  'search.submit': 'Rechercher',
  'search.filterName.stage': 'étape',
  'search.filterName.direction': 'sens',
  'search.filterName.before': 'avant',
  'search.none': 'Aucune opportunité que vous pouvez voir ne correspond. Essayez moins de mots, une partie d’un mot ou un autre filtre.',
  'search.count': '{total, plural, one {Un résultat} other {# résultats}}, affichés de {from} à {to}.',
  'search.capped': 'Plus d’opportunités correspondent que je n’en classe : voici les meilleures des {count} plus récentes. Ajoutez des mots ou un filtre pour affiner la recherche.',
  'search.filters': 'Filtres : {filters}.',
  'search.filter.stage': 'étape {stage}',
  'search.filter.closeBy': 'clôture au plus tard le {date}',
  'search.shortened': 'J’ai recherché les {words} premiers mots (au plus {chars} caractères) de ce que vous avez tapé.',
  'search.unknownStage': 'Il n’y a pas d’étape « {value} ». Utilisez l’une de celles-ci : {stages}.',
  'search.listSeparator': ', ',
  'search.badDirection': '« {value} » n’est pas un sens : utilisez entrant ou sortant.',
  'search.badDate': '« {value} » n’est pas une date que je sais lire : écrivez-la 2027-03-31, ou choisissez-la ci-dessous.',
  'search.restarted': 'Cette page n’est plus à jour. Voici les premiers résultats.',
  'search.row': 'ID {id} · {customer} · {value}',

  // Le pipeline.
  'pipeline.title': 'Pipeline des ventes',
  'pipeline.scope.organization': 'Opportunités ouvertes de votre organisation, le {date}.',
  'pipeline.scope.visible': 'Opportunités ouvertes que vous pouvez voir (dont vous êtes dans l’équipe, dans vos emplacements), le {date}.',
  'pipeline.empty': 'Aucune opportunité ouverte.',
  'pipeline.byStage': 'Par étape de vente',
  'pipeline.deals': '{count, plural, one {# opportunité} other {# opportunités}}',
  'pipeline.total': 'Toutes les opportunités ouvertes',
  'pipeline.weighted': 'Prévision pondérée (valeur × pourcentage de l’étape)',
  'pipeline.chartTitle': 'Valeur par étape, {currency}',
  'pipeline.chartsOmitted': 'Les graphiques montrent les {shown} devises qui ont le plus d’opportunités ; les chiffres ci-dessus listent toutes les devises.',
  'pipeline.thisMonth': 'Clôture ce mois-ci ({from} – {to})',
  'pipeline.thisQuarter': 'Clôture ce trimestre ({from} – {to})',
  'pipeline.period': '{deals} · {values}',
  'pipeline.noValue': '—',
  'pipeline.closeDatePassed': '{count, plural, one {Une opportunité ouverte a} other {# opportunités ouvertes ont}} une date de clôture passée.',
  'pipeline.waiting': 'Recommandations en attente de réponse ({count})',
  'pipeline.waitingNone': 'Aucune recommandation n’attend de réponse.',
  'pipeline.waitingRow': '{name} · {customer}',
  'pipeline.waitingMore': 'Et {count, plural, one {une autre} other {# autres}} : tapez « entrant » pour les voir toutes.',
  'pipeline.answerTitle': 'La rapidité de réponse de votre organisation aux recommandations',
  'pipeline.answerTime':
    'Délai médian pour accepter ou refuser une recommandation sur les {days} derniers jours : {duration} ({count, plural, one {# réponse} other {# réponses}}).',
  'pipeline.answerNone': 'Aucune recommandation n’a été acceptée ni refusée ces {days} derniers jours.',
  'pipeline.answerWhy': 'Répondre vite augmente la visibilité de votre organisation dans la recherche de partenaires.',
  'pipeline.duration.minutes': '{n, plural, one {# minute} other {# minutes}}',
  'pipeline.duration.hours': '{n, plural, one {# heure} other {# heures}}',
  'pipeline.duration.days': '{n, plural, one {# jour} other {# jours}}',
  'pipeline.capped': 'Ces chiffres comptent les {count} opportunités ouvertes créées le plus récemment ; les plus anciennes sont laissées de côté.',
  'pipeline.answersCapped': 'Le délai de réponse compte les {count} recommandations auxquelles on a répondu le plus récemment.',
  'pipeline.refresh': 'Actualiser',
  'pipeline.open': 'Ouvrir',
} as const satisfies Record<keyof typeof en, string>;
