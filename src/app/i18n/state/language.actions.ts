import { createActionGroup, emptyProps, props } from '@ngrx/store';
import { PublicTexts } from '../texts-api';

export const languagePickerActions = createActionGroup({
  source: 'Language Picker',
  events: { 'Language Chosen': props<{ language: string }>() },
});

export const languageApiActions = createActionGroup({
  source: 'Language API',
  events: {
    /** The choice kept for this browser session, read when the app starts. */
    'Choice Restored': props<{ language: string | null; browserLanguages?: readonly string[] }>(),
    'User Language Loaded': props<{ language: string | null }>(),
    'Texts Loaded': props<{ texts: PublicTexts }>(),
    'Texts Load Failed': emptyProps(),
  },
});
