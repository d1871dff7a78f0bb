import { Messages } from './models';

/** The preview in French: its progress, glance, checks, tables and pages. */
export const PREVIEW_MESSAGES_FR: Messages = {
  'export.dhis.preview.check.empty-period.text.none':
    "Aucun chiffre n'est arrivé pour {{period}} : le fichier ne contient que des zéros, et importé dans DHIS2 il remplacerait de vrais chiffres par eux. Attendez que les agents de santé aient synchronisé, ou vérifiez la période.",
  'export.dhis.preview.check.empty-period.text.uncounted':
    "Aucun des {{targetDocs}} documents de cibles de {{period}} ne compte pour un lieu associé à cet ensemble de données : le fichier ne contient que des zéros. Vérifiez les correspondances DHIS2 des lieux avant d'envoyer.",
  'export.dhis.preview.check.nepali-month-lengths.text':
    "DHIS2 {{version}} compte les mois du calendrier Bikram Sambat avec sa propre table de longueurs de mois, qui diffère de celle du CHT pour {{months}} : les jours entre les deux sont comptés dans un mois ici et dans un autre dans DHIS2. Mettez DHIS2 à jour en 2.40.9, 2.41.5, 2.42.2, 2.43.0 ou plus récent, dont la table concorde, ou envoyez en sachant quels jours diffèrent.",
  'export.dhis.preview.check.invalid-uid.text.one':
    "1 identifiant n'est pas un identifiant DHIS2 (une lettre, puis 10 lettres ou chiffres), et DHIS2 refusera ses valeurs : {{ids}}. Copiez les identifiants, pas les codes ni les noms, de DHIS2 dans les paramètres de l'application.",
  'export.dhis.preview.check.invalid-uid.text':
    "{{count}} identifiants ne sont pas des identifiants DHIS2 (une lettre, puis 10 lettres ou chiffres), et DHIS2 refusera leurs valeurs : {{ids}}. Copiez les identifiants, pas les codes ni les noms, de DHIS2 dans les paramètres de l'application.",
  'export.dhis.preview.check.counted-nowhere.text.one':
    "1 document de cibles de {{period}} ne compte pour aucun lieu de cet ensemble de données : ni le lieu de son agent de santé ni aucun lieu au-dessus n'est associé. Associez le lieu si ses chiffres vont dans DHIS2.",
  'export.dhis.preview.check.counted-nowhere.text':
    "{{count}} documents de cibles de {{period}} ne comptent pour aucun lieu de cet ensemble de données : ni le lieu de leur agent de santé ni aucun lieu au-dessus n'est associé. Associez le lieu si leurs chiffres vont dans DHIS2.",
  'export.dhis.preview.check.duplicate-data-element.text':
    "Ces cibles alimentent le même élément de données DHIS2, donc cet export les additionne en une valeur : {{targets}}. Donnez à chacune son propre élément de données, sauf si la somme est voulue.",
  'export.dhis.preview.check.shared-org-unit.text':
    "Plusieurs lieux sont associés à la même unité d'organisation DHIS2 ({{orgUnits}}), donc leurs chiffres s'additionnent en une valeur. Associez chaque lieu à sa propre unité, sauf s'ils forment un seul établissement.",
  'export.dhis.preview.check.nested-places.text':
    "Des lieux associés se trouvent sous d'autres lieux associés ({{inner}}, sous {{outer}}) : un agent de santé y compte dans les deux, et DHIS2 additionne encore les enfants aux parents. N'associez qu'un niveau de la hiérarchie.",
  'export.dhis.preview.check.percent-target.text':
    "Les cibles en pourcentage envoient leur dénominateur, pas le pourcentage, comme le fait le CHT : {{targets}}. Associez le numérateur comme cible de comptage, ou calculez le taux dans DHIS2.",
  'export.dhis.preview.check.target-absent.text':
    "Associées, mais absentes de tous les documents de cibles de {{period}}, donc leurs valeurs sont 0 : {{targets}}. Souvent une cible renommée depuis l'écriture de la correspondance.",
  'export.dhis.preview.check.malformed-target-docs.text.one':
    '1 document de cibles a été ignoré car abîmé : ses chiffres manquent. Demandez aux agents de santé de synchroniser à nouveau.',
  'export.dhis.preview.check.malformed-target-docs.text':
    '{{count}} documents de cibles ont été ignorés car abîmés : leurs chiffres manquent. Demandez aux agents de santé de synchroniser à nouveau.',
  'export.dhis.preview.check.unusable-target-mapping.text':
    "Ces cibles ont une correspondance DHIS2 sans élément de données, elles sont donc laissées de côté : {{targets}}.",
  'export.dhis.preview.check.zero-values.text':
    "{{zeros}} des {{values}} valeurs sont des zéros. DHIS2 enregistre un zéro comme un chiffre, qui remplace ce qu'il détient ; choisissez « Laisser de côté les valeurs nulles » sauf si les zéros sont voulus.",
  'export.dhis.preview.glance.coverage': 'Agents de santé synchronisés',
  'export.dhis.preview.glance.coverage.value': '{{reported}} sur {{expected}} ({{stale}} non mis à jour depuis la fin de la période)',
  'export.dhis.preview.glance.findings': 'À vérifier',
  'export.dhis.preview.findings.error.one': '{{count}} erreur',
  'export.dhis.preview.findings.error.other': '{{count}} erreurs',
  'export.dhis.preview.findings.warning.one': '{{count}} avertissement',
  'export.dhis.preview.findings.warning.other': '{{count}} avertissements',
  'export.dhis.preview.findings.notice.one': '{{count}} remarque',
  'export.dhis.preview.findings.notice.other': '{{count}} remarques',
  'export.dhis.preview.findings.none': 'rien',
  'export.dhis.preview.details.values': 'Valeurs du fichier ({{count}})',
  'export.dhis.preview.details.totals': 'Totaux par élément de données ({{count}})',
  'export.dhis.preview.followUp.line': '{{name}} : {{what}}',
  'export.dhis.preview.check.heading': '{{severity}} : {{title}}',
  'export.dhis.preview.title': 'Aperçu',
  'export.dhis.preview.description': 'Voyez les valeurs que le fichier contiendra, les agents de santé qui ont synchronisé et ce qu\'il faut vérifier, avant de télécharger. Les avertissements n\'empêchent jamais le téléchargement.',
  'export.dhis.preview.button': 'Aperçu',
  'export.dhis.preview.progress': 'Lecture des documents de cibles : {{done}} sur environ {{total}}…',
  'export.dhis.preview.progress.unknown': 'Lecture des documents de cibles : {{done}}…',
  'export.dhis.preview.ready': 'Aperçu prêt : {{values}} valeurs ; à vérifier : {{findings}}.',
  'export.dhis.preview.ready.one': 'Aperçu prêt : {{values}} valeur ; à vérifier : {{findings}}.',
  'export.dhis.preview.failed': 'L\'aperçu a échoué : {{error}}',
  'export.dhis.preview.outdated': 'Les choix ci-dessus ont changé depuis cet aperçu. Relancez l\'aperçu pour voir ce que le téléchargement enregistrera.',
  'export.dhis.preview.summary': '{{dataSet}}, {{period}} : {{values}} valeurs tirées de {{docs}} documents de cibles.',
  'export.dhis.preview.empty.title': 'Aucune donnée pour cette période',
  'export.dhis.preview.checks.title': 'Avertissements et remarques',
  'export.dhis.preview.checks.none': 'Aucun avertissement.',
  'export.dhis.preview.checks.ids': 'Identifiants concernés ({{count}})',
  'export.dhis.preview.severity.error': 'Erreur',
  'export.dhis.preview.severity.warning': 'Avertissement',
  'export.dhis.preview.severity.notice': 'Remarque',
  'export.dhis.preview.check.empty-period': 'Une période vide',
  'export.dhis.preview.check.invalid-uid': 'Identifiants que DHIS2 rejettera',
  'export.dhis.preview.check.counted-nowhere': 'Documents de cibles comptés nulle part',
  'export.dhis.preview.check.duplicate-data-element': 'Cibles partageant un élément de données',
  'export.dhis.preview.check.shared-org-unit': 'Lieux partageant une unité d\'organisation',
  'export.dhis.preview.check.nested-places': 'Un lieu associé sous un autre',
  'export.dhis.preview.check.percent-target': 'Cibles en pourcentage',
  'export.dhis.preview.check.target-absent': 'Cibles associées absentes des documents',
  'export.dhis.preview.check.malformed-target-docs': 'Documents de cibles mal formés',
  'export.dhis.preview.check.unusable-target-mapping': 'Cibles à l’association inutilisable',
  'export.dhis.preview.check.nepali-month-lengths': 'Mois BS aux jours différents dans DHIS2',
  'export.dhis.preview.check.zero-values': 'Valeurs nulles',
  'export.dhis.preview.values.caption': 'Valeurs du fichier, page {{page}} sur {{pages}}',
  'export.dhis.preview.values.pages': 'Pages de valeurs',
  'export.dhis.preview.totals.caption': 'Totaux par élément de données',
  'export.dhis.preview.coverage.title': 'Couverture de synchronisation',
  'export.dhis.preview.coverage.caption': 'Agents de santé par unité d\'organisation, page {{page}} sur {{pages}}',
  'export.dhis.preview.coverage.pages': 'Pages de couverture de synchronisation',
  'export.dhis.preview.coverage.none': 'Aucun agent de santé trouvé : la couverture compte les utilisateurs d\'un rôle hors ligne ayant un document user-settings.',
  'export.dhis.preview.column.place': 'Lieu',
  'export.dhis.preview.column.orgUnit': 'Unité d\'organisation',
  'export.dhis.preview.column.target': 'Cible',
  'export.dhis.preview.column.dataElement': 'Élément de données',
  'export.dhis.preview.column.combos': 'Combinaisons d\'options',
  'export.dhis.preview.column.value': 'Valeur',
  'export.dhis.preview.column.expected': 'Agents de santé',
  'export.dhis.preview.column.reported': 'Avec un document de cibles',
  'export.dhis.preview.column.stale': 'Pas mis à jour depuis la fin de la période',
  'export.dhis.preview.column.followUp': 'À relancer',
  'export.dhis.preview.followUp.summary': '{{missing}} sans document de cibles, {{stale}} sans mise à jour depuis',
  'export.dhis.preview.followUp.missing': 'aucun document de cibles pour la période',
  'export.dhis.preview.followUp.stale': 'dernière mise à jour le {{date}}',
  'export.dhis.preview.page.previous': 'Page précédente',
  'export.dhis.preview.page.next': 'Page suivante',
  'export.dhis.preview.page.status': 'Page {{page}} sur {{pages}}',
};
