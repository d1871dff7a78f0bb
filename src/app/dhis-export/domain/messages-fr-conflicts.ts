import { Messages } from './models';

/**
 * What DHIS2's conflicts mean and what to do, in French, by the server's `advice` name. In English
 * the server's own words are shown; another language without these texts shows them too, marked English.
 */
export const CONFLICT_MESSAGES_FR: Messages = {
  'export.dhis.send.advice.unknown-data-element.meaning': "DHIS2 ne connaît pas cet élément de données, ou l'utilisateur DHIS2 ne peut pas y écrire",
  'export.dhis.send.advice.unknown-data-element.action': "Comparez le « dhis.dataElement » de la cible dans les paramètres de l'application avec l'identifiant de l'élément de données dans DHIS2",
  'export.dhis.send.advice.unknown-org-unit.meaning': "DHIS2 ne connaît pas cette unité d'organisation, ou l'utilisateur DHIS2 ne la voit pas",
  'export.dhis.send.advice.unknown-org-unit.action': "Comparez le « dhis.orgUnit » du lieu avec l'identifiant de l'unité d'organisation dans DHIS2",
  'export.dhis.send.advice.category-option-combo.meaning': "La désagrégation (combinaison d'options de catégorie) ne correspond pas à l'élément de données",
  'export.dhis.send.advice.category-option-combo.action':
    "Donnez au « dhis.categoryOptionCombo » de la cible l'une des combinaisons de l'élément de données dans DHIS2, ou retirez-le pour utiliser celle par défaut",
  'export.dhis.send.advice.attribute-option-combo.meaning': "La combinaison d'options d'attribut ne correspond pas à l'ensemble de données, à la période ou à l'unité d'organisation",
  'export.dhis.send.advice.attribute-option-combo.action': "Comparez le « dhis.attributeOptionCombo » de la cible avec la catégorie d'attribut de l'ensemble de données dans DHIS2",
  'export.dhis.send.advice.period-closed.meaning': "DHIS2 n'accepte plus de données pour cette période (délai d'expiration dépassé, ou pas encore ouverte)",
  'export.dhis.send.advice.period-closed.action': "Demandez à un administrateur DHIS2 d'ouvrir la période à la saisie, ou envoyez une autre période",
  'export.dhis.send.advice.E7617.meaning': "L'unité d'organisation est hors des unités de saisie de l'utilisateur DHIS2",
  'export.dhis.send.advice.E7617.action': "Dans DHIS2, donnez à l'utilisateur dont ce serveur envoie les identifiants l'accès à cette unité (ou à une unité au-dessus)",
  'export.dhis.send.advice.E7600.meaning': "DHIS2 ne connaît pas cet ensemble de données, ou l'utilisateur DHIS2 ne le voit pas",
  'export.dhis.send.advice.E7600.action': "Comparez l'identifiant de l'ensemble de données dans « dhis_data_sets » des paramètres avec DHIS2",
  'export.dhis.send.advice.E7601.meaning': "L'utilisateur DHIS2 ne peut pas saisir de données pour cet ensemble de données",
  'export.dhis.send.advice.E7601.action': "Dans DHIS2, partagez l'ensemble de données avec l'utilisateur de ce serveur, avec « peut saisir des données »",
  'export.dhis.send.advice.E7611.meaning': "DHIS2 n'accepte pas la période",
  'export.dhis.send.advice.E7611.action': "Vérifiez que l'ensemble de données a un type de période mensuel dans DHIS2",
  'export.dhis.send.advice.E7632.meaning': "L'élément de données ne collecte pas de données mensuelles",
  'export.dhis.send.advice.E7632.action': "Vérifiez le type de période des ensembles de données de l'élément dans DHIS2",
  'export.dhis.send.advice.E7633.meaning': "L'élément de données ne fait pas partie de cet ensemble de données dans DHIS2",
  'export.dhis.send.advice.E7633.action': "Ajoutez l'élément de données à l'ensemble dans DHIS2, ou donnez à la cible le bon « dhis.dataSet » dans les paramètres",
  'export.dhis.send.advice.E7636.meaning': "L'unité d'organisation n'est pas affectée à un ensemble de données contenant cet élément",
  'export.dhis.send.advice.E7636.action':
    "Dans DHIS2, affectez l'unité d'organisation à l'ensemble de données (Maintenance → Ensemble de données → Unités d'organisation), ou retirez la correspondance du lieu",
  'export.dhis.send.advice.E7642.meaning': 'Les données de cette période et de cette unité sont déjà approuvées dans DHIS2',
  'export.dhis.send.advice.E7642.action': "Demandez à l'approbateur DHIS2 de lever l'approbation avant d'envoyer une correction",
  'export.dhis.send.advice.E7618.meaning': 'Une valeur manque',
  'export.dhis.send.advice.E7618.action': "Exportez à nouveau ; si cela persiste, signalez-le comme un défaut de l'export",
  'export.dhis.send.advice.E7619.meaning': "La valeur ne correspond pas au type de valeur de l'élément de données (un décimal pour un entier, ou un nombre négatif)",
  'export.dhis.send.advice.E7619.action': "Changez le type de valeur de l'élément dans DHIS2, ou le calcul de la cible dans le CHT",
  'export.dhis.send.advice.E7621.meaning': "La valeur ne fait pas partie des options de l'élément de données",
  'export.dhis.send.advice.E7621.action': "Vérifiez le jeu d'options de l'élément de données dans DHIS2",
  'export.dhis.send.advice.other.meaning': "DHIS2 n'a pas importé ces valeurs",
  'export.dhis.send.advice.other.action': 'Lisez le message de DHIS2 ; un administrateur DHIS2 saura ce dont il a besoin',
};
