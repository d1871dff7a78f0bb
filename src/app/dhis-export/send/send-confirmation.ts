import { ChangeDetectionStrategy, Component, ElementRef, afterNextRender, computed, input, output, signal, viewChild } from '@angular/core';
import { Translate } from '../domain/translate';
import { ZeroRisk } from '../domain/zero-risk';

/** The last dry run of the selection, as the export log recorded it. */
export interface LastCheck {
  readonly at: string;
  /** DHIS2's import status (SUCCESS, WARNING, ERROR), or null when the check itself failed. */
  readonly status: string | null;
  readonly conflicts: number;
}

/**
 * "Check your answers" before a send that DHIS2 cannot undo: what goes (values, zeros, places),
 * where (DHIS2's host), what the last dry run said and when; and, when the file would overwrite
 * DHIS2's figures with zeros, a second explicit choice before "Yes" can be pressed.
 */
@Component({
  selector: 'app-send-confirmation',
  templateUrl: './send-confirmation.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { '(keydown.escape)': 'cancelled.emit()' },
})
export class SendConfirmation {
  readonly t = input.required<Translate>();
  readonly question = input.required<string>();
  readonly values = input.required<string>();
  /** Null when not known: no preview of the selection yet. */
  readonly zeros = input<string | null>(null);
  readonly places = input.required<string>();
  readonly host = input.required<string>();
  readonly lastCheck = input<LastCheck | null>(null);
  readonly lastCheckDate = input('');
  readonly risks = input<readonly ZeroRisk[]>([]);

  readonly confirmed = output<void>();
  readonly cancelled = output<void>();

  /** The second choice, needed when `risks` is not empty. */
  protected readonly zerosAccepted = signal(false);
  protected readonly mayConfirm = computed(() => this.risks().length === 0 || this.zerosAccepted());
  private readonly yes = viewChild<ElementRef<HTMLButtonElement>>('yes');
  private readonly acceptZeros = viewChild<ElementRef<HTMLInputElement>>('acceptZeros');

  constructor() {
    // the first thing to read and answer takes focus: the second choice if there is one, else "Yes"
    afterNextRender(() => (this.acceptZeros() ?? this.yes())?.nativeElement.focus());
  }

  protected lastCheckText(): string {
    const check = this.lastCheck();
    const t = this.t();
    if (!check) return t('export.dhis.send.confirm.check.none');
    if (check.status === null) return t('export.dhis.send.confirm.check.failed', { date: this.lastCheckDate() });
    return t(`export.dhis.send.confirm.check.${check.status.toLowerCase()}`, { date: this.lastCheckDate(), conflicts: check.conflicts });
  }

  protected confirm(): void {
    if (this.mayConfirm()) this.confirmed.emit();
    else this.acceptZeros()?.nativeElement.focus();
  }
}
