import { Messages } from './models';

/** This page's own texts in French; a database translation wins over them. */
export const MESSAGES_FR: Messages = {
  'import.export': 'Importer & exporter',
  'export.button.download': 'Télécharger',
  'export.dhis.description':
    "Téléchargez un fichier dataValueSet DHIS2 avec les chiffres des cibles d'un mois, prêt pour l'application Import/Export de DHIS2.",
  'export.dhis.dataset.label': 'Ensemble de données DHIS2',
  'export.dhis.dataset.description': "L'ensemble de données DHIS2 pour lequel les chiffres sont déclarés.",
  'export.dhis.place.label': 'Filtrer par Place',
  'export.dhis.place.description':
    "Exportez une unité d'organisation, ou toutes les places associées à l'ensemble de données. Les chiffres d'une place comptent chaque agent de santé sous elle : un district comprend ses centres de santé.",
  'export.dhis.place.all': 'Toutes les Places',
  'export.dhis.place.search.label': 'Rechercher des places',
  'export.dhis.place.search.description':
    "Tapez une partie du nom d'une place ou de l'identifiant de son unité d'organisation pour raccourcir la liste.",
  'export.dhis.place.search.count': '{{count}} places affichées sur {{total}}.',
  'export.dhis.place.capped': '{{count}} places affichées sur {{total}}. Tapez dans « Rechercher des places » pour trouver les autres.',
  'export.dhis.place.capped.search':
    "{{count}} places affichées sur les {{total}} qui correspondent à la recherche. Tapez davantage du nom ou de l'identifiant pour trouver les autres.",
  'export.dhis.place.loading': 'Chargement des places…',
  'export.dhis.period.label': 'Filtrer par période',
  'export.dhis.period.description': 'Le mois à exporter. Le mois précédent est le dernier complet ; le mois en cours est encore incomplet.',
  'export.dhis.period.current': '{{label}} (en cours)',
  'export.dhis.period.description.quarterly': 'Le trimestre à exporter. Le trimestre en cours est encore incomplet.',
  'export.dhis.period.description.yearly': "L'année à exporter. L'année en cours est encore incomplète.",
  'export.dhis.period.unsupported':
    "Cet ensemble de données est déclaré par périodes de type « {{periodType}} », que l'export ne connaît pas. Demandez à un administrateur de régler son « periodType » dans les paramètres de l'application sur Monthly, Quarterly ou Yearly.",
  'export.dhis.format.label': 'Format du fichier',
  'export.dhis.format.description':
    "DHIS2 importe chacun d'eux. Le CSV s'ouvre aussi dans un tableur, pour vérifier les chiffres avant l'import.",
  'export.dhis.format.json': 'JSON',
  'export.dhis.format.csv': 'CSV (tableur)',
  'export.dhis.format.xml': 'XML (DXF2)',
  'export.dhis.format.adx': 'ADX',
  'export.dhis.omitZeros.label': 'Laisser de côté les valeurs nulles',
  'export.dhis.omitZeros.description':
    "DHIS2 n'enregistre pas les zéros pour la plupart des éléments de données : le fichier est plus petit sans eux. Gardez-les pour corriger un import précédent : un zéro remplace la valeur importée avant.",
  'export.dhis.unconfigured': "L'intégration DHIS2 n'est pas configurée.",
  'export.dhis.forbidden':
    "Vous n'avez pas la permission d'exporter des données DHIS2. Demandez à un administrateur la permission « can_export_dhis ».",
  'export.dhis.status.loading': 'Chargement des ensembles de données et des places…',
  'export.dhis.status.exporting': "Préparation de l'export DHIS2…",
  'export.dhis.status.saved': 'Export enregistré sous {{filename}}.',
  'export.dhis.result.what': '{{dataSet}} · {{place}} · {{period}}',
  'export.dhis.result.counts': "{{values}} valeurs pour {{orgUnits}} unités d'organisation, dont {{zeros}} nulles.",
  'export.dhis.status.failed': "L'export a échoué.",
  'export.dhis.error.title': 'Il y a un problème',
  'export.dhis.error.load': "Les paramètres DHIS2 ou les places n'ont pas pu être chargés.",
  'export.dhis.error.network': "Le serveur est injoignable. Vérifiez votre connexion et réessayez.",
  'export.dhis.error.server':
    "Le serveur n'a pas pu produire le fichier (HTTP {{status}}). Réessayez ; si l'échec se répète, prévenez votre administrateur.",
  'export.dhis.error.request':
    "Le fichier n'a pas pu être produit avec ces choix : les paramètres DHIS2 ont peut-être changé depuis l'ouverture de la page. Rechargez les paramètres et réessayez.",
  'export.dhis.error.forbidden':
    "Votre compte ne permet pas d'exporter des données DHIS2. Demandez à un administrateur de donner à l'un de vos rôles la permission « Exporter vers DHIS2 » (can_export_dhis).",
  'export.dhis.error.detail': 'Détails techniques',
  'export.dhis.error.prefix': 'Erreur',
  'export.dhis.action.retry': 'Réessayer',
  'export.dhis.action.reload': 'Recharger les paramètres',
};
