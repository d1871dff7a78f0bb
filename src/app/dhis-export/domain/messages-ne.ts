import { Messages } from './models';

/**
 * This page's own texts about the period list in Nepali, for deployments that count in Bikram
 * Sambat months; the rest comes from the database's `messages-ne` (the CHT's own translations), else
 * English. A database translation wins over them.
 */
export const MESSAGES_NE: Messages = {
  'export.dhis.period.current': '{{label}} (चालु)',
  'export.dhis.period.description.quarterly': 'निर्यात गर्ने त्रैमास। चालु त्रैमास अझै पूरा भएको छैन।',
  'export.dhis.period.description.yearly': 'निर्यात गर्ने वर्ष। चालु वर्ष अझै पूरा भएको छैन।',
  'export.dhis.preview.check.nepali-month-lengths': 'DHIS2 मा फरक दिन भएका वि.सं. महिनाहरू',
};
