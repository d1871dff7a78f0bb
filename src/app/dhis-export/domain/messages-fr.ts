import { Messages } from './models';
import { CONFLICT_MESSAGES_FR } from './messages-fr-conflicts';
import { PREVIEW_MESSAGES_FR } from './messages-fr-preview';
import { SEND_MESSAGES_FR } from './messages-fr-send';

/** This page's own texts in French, its parts merged here; a database translation wins over them. */
export const MESSAGES_FR: Messages = {
  ...CONFLICT_MESSAGES_FR,
  ...SEND_MESSAGES_FR,
  ...PREVIEW_MESSAGES_FR,
  'import.export': 'Importer & exporter',
  'export.button.download': 'Télécharger',
  'export.dhis.description':
    "Téléchargez un fichier dataValueSet DHIS2 avec les chiffres des cibles d'un mois, prêt pour l'application Import/Export de DHIS2.",
  'export.dhis.dataset.label': 'Ensemble de données DHIS2',
  'export.dhis.dataset.description': "L'ensemble de données DHIS2 pour lequel les chiffres sont déclarés.",
  'export.dhis.place.label': 'Filtrer par lieu',
  'export.dhis.place.description':
    "Exportez une unité d'organisation, ou tous les lieux associés à l'ensemble de données. Les chiffres d'un lieu comptent chaque agent de santé qui en dépend : un district comprend ses centres de santé.",
  'export.dhis.place.all': 'Tous les lieux',
  'export.dhis.place.search.description':
    "Tapez une partie du nom d'un lieu, du nom du lieu dont il fait partie, ou de l'identifiant de son unité d'organisation ; choisissez avec les flèches et Entrée.",
  'export.dhis.place.capped': 'La liste montre {{count}} lieux sur {{total}} : tapez pour trouver les autres.',
  'export.dhis.place.capped.search': 'La liste montre {{count}} des {{total}} lieux qui correspondent : tapez davantage pour trouver les autres.',
  'export.dhis.place.loading': 'Chargement des lieux…',
  'export.dhis.place.search.none': "Aucun lieu ne correspond à « {{query}} ». Le lieu choisi reste le même.",
  'export.dhis.place.search.found': '{{count}} lieux correspondent. Choisissez-en un avec les flèches, puis Entrée.',
  'export.dhis.place.search.one': '1 lieu correspond : {{place}}. Appuyez sur Entrée pour le choisir.',
  'export.dhis.period.label': 'Filtrer par période',
  'export.dhis.period.description': 'Le mois à exporter. Le mois précédent est le dernier complet ; le mois en cours est encore incomplet.',
  'export.dhis.period.current': '{{label}} (en cours)',
  'export.dhis.period.description.quarterly': 'Le trimestre à exporter. Le trimestre en cours est encore incomplet.',
  'export.dhis.period.description.yearly': "L'année à exporter. L'année en cours est encore incomplète.",
  'export.dhis.period.unsupported':
    "Cet ensemble de données est déclaré par périodes de type « {{periodType}} », que l'export ne connaît pas. Demandez à un administrateur de régler son « periodType » dans les paramètres de l'application sur Monthly, Quarterly ou Yearly.",
  'export.dhis.format.label': 'Format du fichier',
  'export.dhis.format.description':
    "DHIS2 importe le JSON, le CSV, le XML et l'ADX. Pour vérifier les chiffres dans un tableur, choisissez le CSV avec les noms : il montre les lieux et les éléments de données par leur nom, et DHIS2 ne peut pas l'importer.",
  'export.dhis.format.json': 'JSON',
  'export.dhis.format.csv': 'CSV (pour l’import DHIS2)',
  'export.dhis.format.sheet': 'CSV avec les noms (pour un tableur, pas pour l’import)',
  'export.dhis.format.xml': 'XML (DXF2)',
  'export.dhis.format.adx': 'ADX',
  'export.dhis.omitZeros.label': 'Laisser de côté les valeurs nulles',
  'export.dhis.omitZeros.description':
    "DHIS2 n'enregistre pas les zéros pour la plupart des éléments de données : le fichier est plus petit sans eux. Gardez-les pour corriger un import précédent : un zéro remplace la valeur importée avant.",
  'export.dhis.unconfigured': "L'intégration DHIS2 n'est pas configurée.",
  'export.dhis.forbidden':
    "Vous n'avez pas la permission d'exporter des données DHIS2. Demandez à un administrateur la permission « can_export_dhis ».",
  'export.dhis.status.loading': 'Chargement des ensembles de données et des lieux…',
  'export.dhis.status.exporting': "Préparation de l'export DHIS2…",
  'export.dhis.status.saved': 'Export enregistré sous {{filename}}.',
  'export.dhis.index.building': 'Préparation de la base de données…',
  'export.dhis.index.building.progress': 'Préparation de la base de données : {{percent}}\u202f%',
  'export.dhis.index.hint':
    "La base de données construit un index dont la page a besoin, ce qui peut prendre quelques minutes sur une grande base. La page continue d'elle-même dès qu'il est prêt.",
  'export.dhis.index.stop': "Arrêter d'attendre",
  'export.dhis.result.what': '{{dataSet}} · {{place}} · {{period}}',
  'export.dhis.result.counts': "Valeurs : {{values}} · Unités d'organisation : {{orgUnits}} · Valeurs nulles : {{zeros}}",
  'export.dhis.status.failed': "L'export a échoué.",
  'export.dhis.error.title': 'Il y a un problème',
  'export.dhis.error.load': "Les paramètres DHIS2 ou les lieux n'ont pas pu être chargés.",
  'export.dhis.error.network': "Le serveur est injoignable. Vérifiez votre connexion et réessayez.",
  'export.dhis.error.indexBuilding':
    "La base de données ne peut pas encore répondre : elle prépare encore un index ou redémarre. Réessayez dans une minute.",
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
  'export.dhis.error.calendar': "Les mois que compte ce déploiement et le calendrier du DHIS2 qui reçoit diffèrent (grégorien ou Bikram Sambat) : ces chiffres ne peuvent donc pas porter le nom d'une période DHIS2. La personne qui gère ce serveur doit régler DHIS2_CALENDAR sur le calendrier du DHIS2 ; les détails techniques disent lequel.",
  'export.dhis.zeros.all-zeros': "Les {{values}} valeurs sont toutes des zéros : aucun chiffre n'est encore arrivé pour cette période et ce lieu.",
  'export.dhis.zeros.mostly-zeros': '{{zeros}} des {{values}} valeurs sont des zéros.',
  'export.dhis.zeros.in-progress': "Cette période est encore en cours : ses chiffres ne sont pas complets.",
  'export.dhis.zeros.meaning':
    'DHIS2 enregistre un zéro comme un chiffre : importer ces valeurs remplace ce que DHIS2 détient pour ces lieux et cette période, y compris de vrais chiffres.',
  'export.dhis.zeros.title': 'Vérifiez avant de télécharger',
  'export.dhis.zeros.download': 'Télécharger quand même',
  'export.dhis.zeros.dont': 'Ne pas télécharger',
  'export.dhis.zeros.dropped': "Rien n'a été téléchargé.",
  'export.dhis.tab.title': 'DHIS2 – {{importExport}}',
  'export.dhis.tab.title.error': '{{prefix}} : {{title}}',
};
