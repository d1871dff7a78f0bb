import { sessionApiActions } from '../../session/state/session.actions';
import { languageApiActions, languagePickerActions } from './language.actions';
import { initialLanguageState, languageFeature } from './language.feature';

const { reducer } = languageFeature;
const root = (language = initialLanguageState) => ({ language });
const textsLoaded = (locale: string, messages: Record<string, string> = {}) =>
  languageApiActions.textsLoaded({ texts: { locale, defaultLocale: 'fr', languages: ['fr', 'sw'], messages } });

describe('languageFeature', () => {
  it('speaks the choice, else the user\'s language, else the deployment\'s, else English', () => {
    let state = initialLanguageState;
    expect(languageFeature.selectLanguage(root(state))).toBe('en');
    expect(languageFeature.selectKnownLanguage(root(state))).toBeNull('not before the server said which is the deployment\'s');
    state = reducer(state, textsLoaded('fr', { Password: 'Mot de passe' }));
    expect(languageFeature.selectKnownLanguage(root(state))).toBe('fr');
    state = reducer(state, languageApiActions.userLanguageLoaded({ language: 'sw' }));
    expect(languageFeature.selectLanguage(root(state))).toBe('sw');
    state = reducer(state, languagePickerActions.languageChosen({ language: 'en' }));
    expect(languageFeature.selectLanguage(root(state))).toBe('en');
    state = reducer(reducer(state, languagePickerActions.languageChosen({ language: 'fr' })), sessionApiActions.loggedOut());
    expect(state.userLanguage).toBeNull();
  });

  it('offers English, the translated languages and the one in use, and gives texts in the language once they are in', () => {
    const state = reducer(reducer(initialLanguageState, textsLoaded('fr', { Password: 'Mot de passe' })), languageApiActions.userLanguageLoaded({ language: 'ne' }));
    expect(languageFeature.selectLanguageChoices(root(state))).toEqual(['en', 'fr', 'ne', 'sw']);
    expect(languageFeature.selectHostTexts(root(state))('Password')).toBe('Password', 'the French texts are not Nepali');
    const french = reducer(initialLanguageState, textsLoaded('fr', { Password: 'Mot de passe' }));
    expect(languageFeature.selectHostTexts(root(french))('Password')).toBe('Mot de passe');
    expect(languageFeature.selectHostTexts(root(french))('logout')).toBe('Se déconnecter');
    expect(languageFeature.selectDirection(root(reducer(french, languagePickerActions.languageChosen({ language: 'ar' }))))).toBe('rtl');
  });
});
