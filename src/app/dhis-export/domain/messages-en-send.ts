import { Messages } from './models';

/** The built-in English of the send confirmation, DHIS2's status words and the zeros' second choice. */
export const SEND_MESSAGES_EN: Messages = {
  'export.dhis.send.confirm.values': 'Values',
  'export.dhis.send.confirm.values.zeros': '{{values}}, of which {{zeros}} are zeros',
  'export.dhis.send.confirm.places': 'Places',
  'export.dhis.send.confirm.check': 'Last check with DHIS2',
  'export.dhis.send.confirm.check.none': 'Not checked yet: "Check with DHIS2 (dry run)" shows what DHIS2 would refuse, without saving anything.',
  'export.dhis.send.confirm.check.failed': '{{date}}: the check could not be made.',
  'export.dhis.send.confirm.check.success': '{{date}}: DHIS2 would accept every value.',
  'export.dhis.send.confirm.check.ok': '{{date}}: DHIS2 would accept every value.',
  'export.dhis.send.confirm.check.warning': '{{date}}: DHIS2 would not accept every value ({{conflicts}} conflicts).',
  'export.dhis.send.confirm.check.error': '{{date}}: DHIS2 would refuse the import ({{conflicts}} conflicts).',
  'export.dhis.send.confirm.host': 'DHIS2',
  'export.dhis.send.confirm.undo': 'DHIS2 keeps no undo: the values sent replace the ones it holds for these places and this period.',
  'export.dhis.send.confirm.zeros.accept': 'Send them anyway: I know DHIS2 will store each zero as a figure',
  'export.dhis.send.dhis2Status.success': 'accepted',
  'export.dhis.send.dhis2Status.ok': 'accepted',
  'export.dhis.send.dhis2Status.warning': 'accepted in part',
  'export.dhis.send.dhis2Status.error': 'refused',
  'export.dhis.zeros.all-zeros': 'Every one of the {{values}} values is a zero: no figures have come in for this period and place yet.',
  'export.dhis.zeros.mostly-zeros': '{{zeros}} of the {{values}} values are zeros.',
  'export.dhis.zeros.in-progress': 'This period is still in progress: its figures are not complete.',
  'export.dhis.zeros.meaning':
    'DHIS2 stores a zero as a figure: importing these values replaces whatever DHIS2 holds for these places and this period, real figures included.',
  'export.dhis.zeros.title': 'Check before you download',
  'export.dhis.zeros.download': 'Download anyway',
  'export.dhis.zeros.dont': 'Do not download',
  'export.dhis.zeros.dropped': 'Nothing was downloaded.',
  'export.dhis.tab.title': 'DHIS2 – {{importExport}}',
  'export.dhis.tab.title.error': '{{prefix}}: {{title}}',
  'export.dhis.preview.check.heading': '{{severity}}: {{title}}',
};
