import { Messages } from './models';

/** The preview's checks in the page's words, from each check's code and parameters (the server's own text stays for the API). */
export const CHECK_MESSAGES_EN: Messages = {
  'export.dhis.preview.check.empty-period.text.none':
    'No figures at all have come in for {{period}}: the file holds only zeros, and imported into DHIS2 it would overwrite real figures with them. Wait until the health workers have synced, or check the period.',
  'export.dhis.preview.check.empty-period.text.uncounted':
    'None of the {{targetDocs}} target documents of {{period}} counts toward a place mapped to this data set: the file holds only zeros. Check the places\' DHIS2 mappings before sending.',
  'export.dhis.preview.check.nepali-month-lengths.text':
    'DHIS2 {{version}} counts Bikram Sambat months with its own table of month lengths, which differs from the CHT\'s for {{months}}: the days between are counted in one month here and in another in DHIS2. Upgrade DHIS2 to 2.40.9, 2.41.5, 2.42.2, 2.43.0 or later, whose table agrees, or send knowing which days differ.',
  'export.dhis.preview.check.invalid-uid.text.one':
    '1 id is not a DHIS2 id (a letter, then 10 letters or digits), and DHIS2 will refuse its values: {{ids}}. Copy the ids, not codes or names, from DHIS2 into the app settings.',
  'export.dhis.preview.check.invalid-uid.text':
    '{{count}} ids are not DHIS2 ids (a letter, then 10 letters or digits), and DHIS2 will refuse their values: {{ids}}. Copy the ids, not codes or names, from DHIS2 into the app settings.',
  'export.dhis.preview.check.counted-nowhere.text.one':
    '1 target document of {{period}} counts toward no place of this data set: neither its health worker\'s place nor any place above it is mapped. Map the place if its figures belong in DHIS2.',
  'export.dhis.preview.check.counted-nowhere.text':
    '{{count}} target documents of {{period}} count toward no place of this data set: neither their health worker\'s place nor any place above it is mapped. Map the place if their figures belong in DHIS2.',
  'export.dhis.preview.check.duplicate-data-element.text':
    'These targets feed the same DHIS2 data element, so this export adds them up in one value: {{targets}}. Give each its own data element unless the sum is meant.',
  'export.dhis.preview.check.shared-org-unit.text':
    'Several places are mapped to the same DHIS2 org unit ({{orgUnits}}), so their figures add up in one value. Map each place to its own org unit unless they are one facility.',
  'export.dhis.preview.check.nested-places.text':
    'Places mapped under other mapped places ({{inner}}, under {{outer}}): a health worker there is counted in both, and DHIS2 adds children to parents again. Map one level of the hierarchy only.',
  'export.dhis.preview.check.percent-target.text':
    'Percent targets send their denominator, not the percentage, as the CHT does: {{targets}}. Map the numerator as a count target, or compute the rate in DHIS2.',
  'export.dhis.preview.check.target-absent.text':
    'Mapped, but in no target document of {{period}}, so their values are 0: {{targets}}. Often a target renamed since the mapping was written.',
  'export.dhis.preview.check.malformed-target-docs.text.one':
    '1 target document was skipped as damaged: its figures are missing. Ask the health workers to sync again.',
  'export.dhis.preview.check.malformed-target-docs.text':
    '{{count}} target documents were skipped as damaged: their figures are missing. Ask the health workers to sync again.',
  'export.dhis.preview.check.unusable-target-mapping.text':
    'These targets have a DHIS2 mapping without a data element, so they are left out: {{targets}}.',
  'export.dhis.preview.check.zero-values.text':
    '{{zeros}} of the {{values}} values are zeros. DHIS2 stores a zero as a figure, replacing what it holds; choose "Leave out zero values" unless the zeros are meant.',
  'export.dhis.preview.glance.coverage': 'Health workers synced',
  'export.dhis.preview.glance.coverage.value': '{{reported}} of {{expected}} ({{stale}} not updated since the period ended)',
  'export.dhis.preview.glance.findings': 'To check',
  'export.dhis.preview.findings.error.one': '{{count}} error',
  'export.dhis.preview.findings.error.other': '{{count}} errors',
  'export.dhis.preview.findings.warning.one': '{{count}} warning',
  'export.dhis.preview.findings.warning.other': '{{count}} warnings',
  'export.dhis.preview.findings.notice.one': '{{count}} notice',
  'export.dhis.preview.findings.notice.other': '{{count}} notices',
  'export.dhis.preview.findings.none': 'nothing',
  'export.dhis.preview.details.values': 'Values in the file ({{count}})',
  'export.dhis.preview.details.totals': 'Totals per data element ({{count}})',
  'export.dhis.preview.followUp.line': '{{name}}: {{what}}',
};
