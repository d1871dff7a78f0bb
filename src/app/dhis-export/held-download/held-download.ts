import { ChangeDetectionStrategy, Component, DOCUMENT, ElementRef, afterRenderEffect, inject, input, viewChild } from '@angular/core';
import { Store } from '@ngrx/store';
import { numberFormat } from '../domain/numbers';
import { Translate } from '../domain/translate';
import { heldDownloadActions } from './held-download.actions';
import { heldDownloadFeature } from './held-download.feature';

/** The second choice before a file of zeros (or of a period under way) is saved: what DHIS2 would do with it, then "Download anyway" or not. */
@Component({
  selector: 'app-held-download',
  templateUrl: './held-download.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class HeldDownload {
  private readonly store = inject(Store);
  private readonly document = inject(DOCUMENT);
  readonly t = input.required<Translate>();
  readonly locale = input('en');

  protected readonly held = this.store.selectSignal(heldDownloadFeature.selectHeld);
  protected readonly dropped = this.store.selectSignal(heldDownloadFeature.selectDropped);
  private readonly box = viewChild<ElementRef<HTMLElement>>('box');

  constructor() {
    afterRenderEffect(() => {
      if (this.held()) this.box()?.nativeElement.focus();
    });
  }

  protected number(value: number): string {
    return numberFormat(this.locale())(value);
  }

  protected download(): void {
    this.store.dispatch(heldDownloadActions.confirmed());
  }

  protected drop(): void {
    this.store.dispatch(heldDownloadActions.dropped());
    // back to where the choice began
    this.document.getElementById('dhis-download')?.focus();
  }
}
