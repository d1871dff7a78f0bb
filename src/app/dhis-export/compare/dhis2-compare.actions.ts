import { createActionGroup, props } from '@ngrx/store';
import { CompareSelection, Comparison } from './dhis2-compare-api';

export const dhis2ComparePageActions = createActionGroup({
  source: 'DHIS2 Compare/Page',
  events: {
    /** "Compare with DHIS2" pressed; a second request replaces the first. */
    'Compare Requested': props<{ selection: CompareSelection }>(),
  },
});

export const dhis2CompareApiActions = createActionGroup({
  source: 'DHIS2 Compare/API',
  events: {
    /** A comparison began: asked for, or after a preview when sending is configured. */
    'Comparison Started': props<{ selection: CompareSelection }>(),
    'Comparison Loaded': props<{ selection: CompareSelection; comparison: Comparison }>(),
    /** `status` 0: the server could not be reached; `error`: its own message, when it gave one. */
    'Comparison Failed': props<{ selection: CompareSelection; status: number; error: string | null }>(),
  },
});
