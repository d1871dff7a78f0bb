import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { Store } from '@ngrx/store';
import { Translate } from '../domain/translate';
import { exportPreviewFeature } from './export-preview.feature';
import { numberFormat } from '../domain/numbers';
import { findingsText, pluralForm } from './findings';
import { indexBuildingText } from '../domain/index-building';

/**
 * What the page's one status region says about the preview: once when it arrives or fails, and
 * how far the database's index build is while the preview waits on it (the server says so every
 * few seconds). The reading's progress is shown beside the bar, not announced, so that screen
 * readers are not flooded.
 */
@Component({
  selector: 'app-preview-announcement',
  template: `{{ text() }}`,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PreviewAnnouncement {
  private readonly store = inject(Store);
  readonly t = input.required<Translate>();
  readonly locale = input('en');

  private readonly status = this.store.selectSignal(exportPreviewFeature.selectStatus);
  private readonly preview = this.store.selectSignal(exportPreviewFeature.selectPreview);
  private readonly error = this.store.selectSignal(exportPreviewFeature.selectError);
  private readonly indexBuilding = this.store.selectSignal(exportPreviewFeature.selectIndexBuilding);

  protected readonly text = computed(() => {
    const t = this.t();
    const format = numberFormat(this.locale());
    if (this.status() === 'failed') {
      return t('export.dhis.preview.failed', { error: this.error()?.error ?? t('export.dhis.error.network') });
    }
    const building = this.indexBuilding();
    if (this.status() === 'loading' && building) return indexBuildingText(building, t, this.locale());
    const preview = this.preview();
    if (this.status() !== 'loaded' || !preview) return '';
    const findings = findingsText(preview.checks, t, this.locale(), format);
    const values = preview.dataValues.length;
    const ready = t(pluralForm(this.locale(), values) === 'one' ? 'export.dhis.preview.ready.one' : 'export.dhis.preview.ready', { values: format(values), findings });
    return preview.checks.some(({ code }) => code === 'empty-period') ? `${ready} ${t('export.dhis.preview.empty.title')}` : ready;
  });
}
