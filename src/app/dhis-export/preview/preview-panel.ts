import { ChangeDetectionStrategy, Component, ElementRef, computed, inject, input, signal, viewChild } from '@angular/core';
import { Store } from '@ngrx/store';
import { DhisExportRequest, Period } from '../domain/models';
import { Translate } from '../domain/translate';
import { exportPreviewPageActions } from './export-preview.actions';
import { exportPreviewFeature } from './export-preview.feature';
import { PreviewAnnouncement } from './preview-announcement';
import { PreviewPager } from './preview-pager';
import { OrgUnitCoverage, PreviewCheck, PreviewTotal, PreviewValue } from './preview-models';
import { numberFormat } from '../domain/numbers';
import { findingsText, pluralForm } from './findings';
import { indexBuildingText } from '../domain/index-building';
import { IndexBuildingProgress } from '../index-building-progress';

/** Rows per page: a page renders at once whatever the deployment's size (1,000 org units × 20 data elements is 200 pages). */
export const VALUES_PER_PAGE = 100;
export const ORG_UNITS_PER_PAGE = 50;

const sameRequest = (a: DhisExportRequest | null, b: DhisExportRequest | null) =>
  !!a && !!b && a.dataSet === b.dataSet && a.orgUnit === b.orgUnit && a.period === b.period && a.format === b.format && a.omitZeros === b.omitZeros;

const pageCount = (rows: number, perPage: number) => Math.max(1, Math.ceil(rows / perPage));

/**
 * The preview of the export the form would make: the file's values, totals, sync coverage and
 * warnings, computed by the server in the export's own pass. It never blocks Download.
 */
@Component({
  selector: 'app-preview-panel',
  imports: [IndexBuildingProgress, PreviewAnnouncement, PreviewPager],
  templateUrl: './preview-panel.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PreviewPanel {
  private readonly store = inject(Store);

  /** The request Download would make now; null when the form can make none. */
  readonly request = input<DhisExportRequest | null>(null);
  readonly t = input.required<Translate>();
  readonly locale = input('en');
  /** The periods offered, to name the preview's period as the form does. */
  readonly periods = input<readonly Period[]>([]);

  protected readonly status = this.store.selectSignal(exportPreviewFeature.selectStatus);
  protected readonly preview = this.store.selectSignal(exportPreviewFeature.selectPreview);
  protected readonly progress = this.store.selectSignal(exportPreviewFeature.selectProgress);
  protected readonly indexBuilding = this.store.selectSignal(exportPreviewFeature.selectIndexBuilding);
  protected readonly indexText = computed(() => {
    const building = this.indexBuilding();
    return building ? indexBuildingText(building, this.t(), this.locale()) : '';
  });
  private readonly previewButton = viewChild.required<ElementRef<HTMLButtonElement>>('previewButton');
  private readonly previewFor = this.store.selectSignal(exportPreviewFeature.selectPreviewFor);

  protected readonly valuesPage = signal(0);
  protected readonly coveragePage = signal(0);

  private readonly number = computed(() => numberFormat(this.locale()));
  protected readonly format = (value: number) => this.number()(value);
  private readonly dateFormat = computed(() => new Intl.DateTimeFormat(this.locale(), { dateStyle: 'medium' }));
  protected readonly date = (iso: string) => this.dateFormat().format(new Date(iso));

  /** The choices have changed since the preview shown was asked for. */
  protected readonly outdated = computed(() => this.status() !== 'idle' && !sameRequest(this.previewFor(), this.request()));

  protected readonly progressText = computed(() => {
    const progress = this.progress();
    const done = this.format(progress?.docsRead ?? 0);
    return progress?.docsExpected
      ? this.t()('export.dhis.preview.progress', { done, total: this.format(progress.docsExpected) })
      : this.t()('export.dhis.preview.progress.unknown', { done });
  });
  /** The progress bar's value, never past its end: the expected count is an estimate. */
  protected readonly progressValue = computed(() => {
    const progress = this.progress();
    return progress?.docsExpected ? Math.min(progress.docsRead, progress.docsExpected) : null;
  });

  protected readonly emptyPeriod = computed(() => this.preview()?.checks.find(({ code }) => code === 'empty-period') ?? null);
  protected readonly checks = computed(() => this.preview()?.checks.filter(({ code }) => code !== 'empty-period') ?? []);

  /** What would go, at a glance: the details are one step away. */
  protected readonly summary = computed(() => {
    const preview = this.preview();
    const values = preview?.dataValues ?? [];
    const coverage = preview?.coverage ?? [];
    const sum = (field: 'expected' | 'reported' | 'stale') => coverage.reduce((total, unit) => total + unit[field], 0);
    return {
      values: values.length,
      zeros: values.filter(({ value }) => value === 0).length,
      places: new Set(values.map(({ orgUnit }) => orgUnit)).size,
      expected: sum('expected'),
      reported: sum('reported'),
      stale: sum('stale'),
    };
  });
  protected readonly findingsText = computed(() => findingsText(this.preview()?.checks ?? [], this.t(), this.locale(), this.format));

  protected readonly valuesPages = computed(() => pageCount(this.preview()?.dataValues.length ?? 0, VALUES_PER_PAGE));
  protected readonly shownValues = computed((): readonly PreviewValue[] => {
    const start = Math.min(this.valuesPage(), this.valuesPages() - 1) * VALUES_PER_PAGE;
    return this.preview()?.dataValues.slice(start, start + VALUES_PER_PAGE) ?? [];
  });
  protected readonly coveragePages = computed(() => pageCount(this.preview()?.coverage.length ?? 0, ORG_UNITS_PER_PAGE));
  protected readonly shownCoverage = computed((): readonly OrgUnitCoverage[] => {
    const start = Math.min(this.coveragePage(), this.coveragePages() - 1) * ORG_UNITS_PER_PAGE;
    return this.preview()?.coverage.slice(start, start + ORG_UNITS_PER_PAGE) ?? [];
  });

  protected requestPreview(): void {
    const request = this.request();
    if (!request) return;
    this.valuesPage.set(0);
    this.coveragePage.set(0);
    this.store.dispatch(exportPreviewPageActions.previewRequested({ request }));
  }

  /** The preview is given up; the keyboard goes back to Preview. */
  protected stopWaiting(): void {
    this.store.dispatch(exportPreviewPageActions.previewClosed());
    this.previewButton().nativeElement.focus();
  }

  protected targetsOf(row: PreviewValue | PreviewTotal): string {
    return row.targets.map(({ title }) => title).join(' + ');
  }

  protected combosOf(row: PreviewValue | PreviewTotal): string {
    return [row.categoryOptionCombo, row.attributeOptionCombo].filter(Boolean).join(' / ');
  }

  protected periodLabel(period: string): string {
    return this.periods().find(({ value }) => value === period)?.label ?? period;
  }

  /** Target titles with the id beside, as a person reads them. */
  private readonly targetNames = computed(() => {
    const names = new Map<string, string>();
    for (const total of this.preview()?.totals ?? []) for (const { id, title } of total.targets) names.set(id, title && title !== id ? `${title} (${id})` : id);
    return names;
  });

  /** The check in the page's words, or the server's English when the page does not know its code. */
  protected checkText(check: PreviewCheck): { text: string; lang: string | null } {
    const params = check.params;
    const variant = check.code === 'empty-period' ? (Number(params?.['targetDocs'] ?? 0) === 0 ? '.none' : '.uncounted') : '';
    const t = this.t();
    const general = `export.dhis.preview.check.${check.code}.text${variant}`;
    const count = params?.['count'];
    const singular = typeof count === 'number' && pluralForm(this.locale(), count) === 'one' ? `${general}.one` : undefined;
    const key = singular !== undefined && t(singular) !== singular ? singular : general;
    if (!params || t(key) === key) return { text: check.message, lang: 'en' };
    const names = this.targetNames();
    const worded = Object.fromEntries(Object.entries(params).map(([name, value]) => {
      if (typeof value === 'number') return [name, this.format(value)];
      if (name === 'period') return [name, this.periodLabel(value)];
      if (name === 'targets') return [name, value.split(', ').map((id) => names.get(id) ?? id).join(', ')];
      return [name, value];
    }));
    return { text: t(key, worded), lang: t.langOf(key) };
  }

  protected checkTitle(check: PreviewCheck): string {
    const key = `export.dhis.preview.check.${check.code}`;
    const title = this.t()(key);
    return title === key ? check.code : title;
  }
}
