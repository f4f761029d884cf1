import { DICTIONARIES } from './dictionaries';
import { registerDictionary } from './i18n';
import type { WidgetLanguage } from '../shared/languages';

/** The i18n module with every language loaded: for the server and the console (the widget iframe loads one). */
for (const [lang, dictionary] of Object.entries(DICTIONARIES)) registerDictionary(lang as WidgetLanguage, dictionary);

export * from './i18n';
