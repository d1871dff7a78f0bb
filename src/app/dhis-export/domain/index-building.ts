import { numberFormat } from './numbers';
import { Translate } from './translate';

/** The server's word that the database is building an index the export reads (503 with `reason: 'index-building'`). */
export interface IndexBuilding {
  /** How far the build is, 0–100; null when the server cannot tell. */
  readonly progress: number | null;
}

/** "Preparing the database: 42%" in the page's language, or without a figure when the server cannot tell. */
export function indexBuildingText({ progress }: IndexBuilding, t: Translate, locale: string): string {
  return progress === null ? t('export.dhis.index.building') : t('export.dhis.index.building.progress', { percent: numberFormat(locale)(progress) });
}
