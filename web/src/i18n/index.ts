import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Bundle } from './bundle';
import { da } from './da';
import { en } from './en';

export const LANGUAGES = ['da', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
const STORAGE_KEY = 'kitos.language';

/** The language the user chose last (remembered in this browser), else Danish. */
export function initialLanguage(): Language {
  const stored = globalThis.localStorage?.getItem(STORAGE_KEY);
  return stored === 'en' ? 'en' : 'da';
}

export function rememberLanguage(language: Language): void {
  globalThis.localStorage?.setItem(STORAGE_KEY, language);
  document.documentElement.lang = language;
}

void i18next.use(initReactI18next).init({
  resources: {
    // the shell's texts; each area's come with its routes (areas.ts)
    da: { translation: da },
    en: { translation: en },
  },
  lng: initialLanguage(),
  fallbackLng: 'da',
  interpolation: { escapeValue: false },
  returnNull: false,
});
if (typeof document !== 'undefined') document.documentElement.lang = i18next.language;

export const i18n = i18next;

/** Adds a bundle's Danish and English texts (an area's when its routes load, a shared component's when it loads). */
export function addTexts(bundle: Bundle): void {
  for (const language of LANGUAGES) i18next.addResourceBundle(language, 'translation', bundle[language], true, true);
}

/** Dates, numbers and kroner formatted per language (da-DK: 1.234,50 kr.; en-GB: DKK 1,234.50). */
export function formatters(language: string) {
  const locale = language === 'en' ? 'en-GB' : 'da-DK';
  const date = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' });
  const dateTime = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
  const number = new Intl.NumberFormat(locale);
  const kroner = new Intl.NumberFormat(locale, { style: 'currency', currency: 'DKK' });
  return {
    date: (value?: string | null) => (value ? date.format(new Date(value)) : ''),
    dateTime: (value?: string | null) => (value ? dateTime.format(new Date(value)) : ''),
    number: (value?: number | null) => (value == null ? '' : number.format(value)),
    kroner: (value?: number | null) => (value == null ? '' : kroner.format(value)),
  };
}
