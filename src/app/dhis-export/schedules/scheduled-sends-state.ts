import { Injectable, inject, signal } from '@angular/core';
import { Schedule, ScheduleError, ScheduledSendsApi, ScheduleSettings, SchedulesView } from './scheduled-sends-api';

/**
 * The section's state, kept beside it rather than in the page's store: the section loads after the
 * page (its code is not part of the first load) and nothing else reads it.
 */
@Injectable()
export class ScheduledSendsState {
  private readonly api = inject(ScheduledSendsApi);

  readonly view = signal<SchedulesView | null>(null);
  readonly maySend = signal(false);
  readonly loading = signal(true);
  readonly busy = signal(false);
  readonly error = signal<ScheduleError | null>(null);
  /** The key of what just happened, for the section's status region. */
  readonly done = signal<string>('');
  /** The schedule being edited, `'new'` for one being created. */
  readonly editing = signal<Schedule | 'new' | null>(null);
  readonly deleting = signal<Schedule | null>(null);

  async load(): Promise<void> {
    this.loading.set(true);
    try {
      const [view, maySend] = await Promise.all([this.api.list(), this.api.maySend().catch(() => false)]);
      this.view.set(view);
      this.maySend.set(maySend);
      this.error.set(null);
    } catch (error) {
      this.fail(error);
    } finally {
      this.loading.set(false);
    }
  }

  async save(settings: ScheduleSettings): Promise<void> {
    const editing = this.editing();
    await this.act(async () => {
      if (editing === 'new') {
        await this.api.create(settings);
      } else if (editing) {
        await this.api.update(editing.id, { ...settings, orgUnit: settings.orgUnit ?? null });
      }
      this.editing.set(null);
    }, 'export.dhis.schedules.saved');
  }

  setEnabled(schedule: Schedule, enabled: boolean): Promise<void> {
    return this.act(() => this.api.update(schedule.id, { enabled }), 'export.dhis.schedules.saved');
  }

  async remove(schedule: Schedule): Promise<void> {
    await this.act(async () => {
      await this.api.remove(schedule.id);
      this.deleting.set(null);
    }, 'export.dhis.schedules.deleted');
  }

  private async act(work: () => Promise<unknown>, doneKey: string): Promise<void> {
    this.busy.set(true);
    this.done.set('');
    try {
      await work();
      this.error.set(null);
      this.done.set(doneKey);
      this.view.set(await this.api.list());
    } catch (error) {
      this.fail(error);
    } finally {
      this.busy.set(false);
    }
  }

  private fail(error: unknown): void {
    this.error.set(error instanceof ScheduleError ? error : new ScheduleError(0, null, {}, null));
  }
}
