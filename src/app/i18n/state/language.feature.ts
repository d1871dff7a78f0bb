import { createFeature, createReducer, createSelector, on } from '@ngrx/store';
import { sessionApiActions } from '../../session/state/session.actions';
import { HOST_MESSAGES, HOST_MESSAGES_EN } from '../host-messages';
import { browserLanguage, isRightToLeft, resolveLanguage } from '../language';
import { textsFor } from '../texts';
import { languageApiActions, languagePickerActions } from './language.actions';

export interface LanguageState {
  /** Chosen in the header for this browser session. */
  readonly chosen: string | null;
  /** The `language` of the logged-in user's user-settings doc. */
  readonly userLanguage: string | null;
  /** The settings' `locale`, as the server tells it. */
  readonly defaultLocale: string | null;
  /** False when the deployment sets no language: the browser's, if translated, comes before English. */
  readonly deploymentSetsLocale: boolean;
  /** The browser's preferred languages, most wanted first. */
  readonly browserLanguages: readonly string[];
  readonly languages: readonly string[];
  /** The database's login and frame texts, and the language they are in. */
  readonly messages: Readonly<Record<string, string>>;
  readonly messagesLocale: string | null;
  /** The server answered (or could not) once: the language is known. */
  readonly settled: boolean;
}

export const initialLanguageState: LanguageState = {
  chosen: null,
  userLanguage: null,
  defaultLocale: null,
  deploymentSetsLocale: true,
  browserLanguages: [],
  languages: [],
  messages: {},
  messagesLocale: null,
  settled: false,
};

export const languageFeature = createFeature({
  name: 'language',
  reducer: createReducer(
    initialLanguageState,
    on(languageApiActions.choiceRestored, (state, { language, browserLanguages }): LanguageState => ({
      ...state,
      chosen: language,
      browserLanguages: browserLanguages ?? [],
    })),
    on(languagePickerActions.languageChosen, (state, { language }): LanguageState => ({ ...state, chosen: language })),
    on(languageApiActions.userLanguageLoaded, (state, { language }): LanguageState => ({ ...state, userLanguage: language })),
    on(sessionApiActions.loggedOut, (state): LanguageState => ({ ...state, userLanguage: null })),
    on(languageApiActions.textsLoaded, (state, { texts }): LanguageState => ({
      ...state,
      defaultLocale: texts.defaultLocale,
      deploymentSetsLocale: texts.deploymentLocale !== null,
      languages: texts.languages,
      messages: texts.messages,
      messagesLocale: texts.locale,
      settled: true,
    })),
    on(languageApiActions.textsLoadFailed, (state): LanguageState => ({ ...state, settled: true })),
  ),
  extraSelectors: ({
    selectChosen, selectUserLanguage, selectDefaultLocale, selectDeploymentSetsLocale, selectBrowserLanguages, selectLanguages, selectMessages,
    selectMessagesLocale, selectSettled,
  }) => {
    /** The deployment's language when it sets one, else the browser's when the deployment translates it. */
    const selectHouseLanguage = createSelector(selectDefaultLocale, selectDeploymentSetsLocale, selectBrowserLanguages, selectLanguages,
      (defaultLocale, setsLocale, browser, languages) => (setsLocale ? defaultLocale : browserLanguage(browser, ['en', ...languages]) ?? defaultLocale));
    const selectLanguage = createSelector(selectChosen, selectUserLanguage, selectHouseLanguage, resolveLanguage);
    return {
      selectLanguage,
      /** The language, once the server has said which the deployment's is; null before. */
      selectKnownLanguage: createSelector(selectSettled, selectLanguage, (settled, language) => (settled ? language : null)),
      selectDirection: createSelector(selectLanguage, (language) => (isRightToLeft(language) ? 'rtl' : 'ltr')),
      /** The languages to offer: those translated, English, and the one in use. */
      selectLanguageChoices: createSelector(selectLanguages, selectLanguage, (languages, language) =>
        [...new Set(['en', ...languages, language])].sort(),
      ),
      /** The login page's and frame's texts in the user's language, once its database texts are in. */
      selectHostTexts: createSelector(selectLanguage, selectMessages, selectMessagesLocale, (language, messages, locale) =>
        textsFor(language, locale === language ? messages : {}, HOST_MESSAGES, HOST_MESSAGES_EN),
      ),
    };
  },
});
