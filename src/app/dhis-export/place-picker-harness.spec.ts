import { Component, signal } from '@angular/core';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import { PLACE_ANNOUNCE_DELAY_MS, PlacePicker } from './place-picker';
import { PlaceOption } from './domain/models';
import { translator } from './domain/translate';

/** The place picker in a form, and how its specs drive it as a keyboard user would (a spec file: it uses jasmine's clock). */
export const kisumu: readonly PlaceOption[] = [
  { orgUnit: 'ouKondele01', name: 'Kondele Health Centre', parent: 'Kisumu District' },
  { orgUnit: 'ouKondele02', name: 'Kondele Health Centre', parent: 'Siaya District' },
  { orgUnit: 'ouKisumu001', name: 'Kisumu District' },
  { orgUnit: 'ouNyalenda1', name: 'Nyalenda Health Centre', parent: 'Kisumu District' },
];
export const manyPlaces = (count: number): readonly PlaceOption[] =>
  Array.from({ length: count }, (_, i) => ({ orgUnit: `ou-${i}`, name: `Place ${String(i).padStart(5, '0')}` }));

@Component({
  imports: [PlacePicker, ReactiveFormsModule],
  template: `<form (submit)="$event.preventDefault()">
    <app-place-picker [formControl]="orgUnit" [t]="t" [places]="places()" [locale]="locale()" [loading]="loading()" />
    <button type="submit">Download</button>
  </form>`,
})
export class Host {
  readonly orgUnit = new FormControl('', { nonNullable: true });
  readonly t = translator({});
  readonly places = signal<readonly PlaceOption[]>(kisumu);
  readonly locale = signal('en');
  readonly loading = signal(false);
}

export function placePickerHarness() {
  let fixture!: ComponentFixture<Host>;
  let host!: Host;
  let el!: HTMLElement;

  async function render(places: readonly PlaceOption[] = kisumu) {
    TestBed.configureTestingModule({ imports: [Host] });
    fixture = TestBed.createComponent(Host);
    host = fixture.componentInstance;
    host.places.set(places);
    await fixture.whenStable();
    el = fixture.nativeElement;
  }

  const input = () => el.querySelector<HTMLInputElement>('#dhis-place')!;
  const listbox = () => el.querySelector<HTMLElement>('#dhis-place-listbox')!;
  const options = () => [...el.querySelectorAll<HTMLElement>('#dhis-place-listbox [role="option"]')];
  const optionTexts = () => options().map((option) => option.textContent!.trim());
  const orgUnits = () => options().map((option) => option.dataset['orgUnit']);
  const activeText = () => {
    const id = input().getAttribute('aria-activedescendant');
    return id ? el.querySelector(`#${id}`)!.textContent!.trim() : null;
  };
  const announced = () => el.querySelector('#dhis-place-search-result')!.textContent!.trim();
  const status = () => el.querySelector('#dhis-place-status')?.textContent?.trim();

  async function type(text: string) {
    input().focus();
    input().value = text;
    input().dispatchEvent(new Event('input'));
    await fixture.whenStable();
  }
  async function press(key: string, init: KeyboardEventInit = {}): Promise<KeyboardEvent> {
    const event = new KeyboardEvent('keydown', { key, cancelable: true, bubbles: true, ...init });
    input().dispatchEvent(event);
    await fixture.whenStable();
    return event;
  }
  async function leave() {
    input().dispatchEvent(new FocusEvent('blur'));
    await fixture.whenStable();
  }
  async function pause() {
    jasmine.clock().tick(PLACE_ANNOUNCE_DELAY_MS);
    await fixture.whenStable();
  }

  return {
    get fixture() {
      return fixture;
    },
    get host() {
      return host;
    },
    get el() {
      return el;
    },
    render, input, listbox, options, optionTexts, orgUnits, activeText, announced, status, type, press, leave, pause,
  };
}
