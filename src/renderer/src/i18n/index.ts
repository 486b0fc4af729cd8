import { createI18n } from 'vue-i18n'
import type { Ref } from 'vue'
import { en, type MessageSchema } from './en'
import { nb } from './nb'
import { LANGUAGES } from '../../../shared/domain/languages'

/** The catalogues below; main validates the machine-wide default language against the same list. */
export const LOCALES = LANGUAGES
export type Locale = (typeof LOCALES)[number]

const STORAGE_KEY = 'settings-and-maintenance.locale'
// Norwegian in any written form falls back to Bokmål, the only Norwegian catalogue we have.
const NORWEGIAN_TAGS = ['nb', 'no', 'nn']

/**
 * The language to start in: the one this user chose earlier in the app, else the machine-wide
 * default IT set (docs/deployment.md), else the OS/browser language.
 */
export function initialLocale(
  storage: Pick<Storage, 'getItem'> | undefined,
  browserLanguage: string | undefined,
  machineLanguage: Locale | null = null
): Locale {
  const stored = storage?.getItem(STORAGE_KEY)
  if (stored && (LOCALES as readonly string[]).includes(stored)) return stored as Locale
  if (machineLanguage) return machineLanguage
  const primary = (browserLanguage ?? '').toLowerCase().split('-')[0] ?? ''
  return NORWEGIAN_TAGS.includes(primary) ? 'nb' : 'en'
}

function safeStorage(): Storage | undefined {
  try {
    return window.localStorage
  } catch {
    return undefined // storage can be blocked; the language then simply is not remembered
  }
}

/** initialLocale with this window's storage and browser language. */
export function startupLocale(machineLanguage: Locale | null): Locale {
  return initialLocale(safeStorage(), navigator.language, machineLanguage)
}

export function createAppI18n(locale: Locale = startupLocale(null)) {
  return createI18n<[MessageSchema], Locale, false>({
    legacy: false,
    locale,
    fallbackLocale: 'en',
    messages: { en, nb }
  })
}

export type AppI18n = ReturnType<typeof createAppI18n>

/** What applyLocale needs of vue-i18n's global composer (so components can pass useI18n()). */
export interface LocaleSwitch {
  locale: Ref<string>
  t: (key: string) => string
}

/**
 * Switches the language and keeps <html lang> and the window title in step. `remember` stores
 * the choice; the start-up call leaves storage alone so the OS language keeps deciding.
 */
export function applyLocale(target: LocaleSwitch, locale: Locale, remember = true): void {
  target.locale.value = locale
  document.documentElement.lang = locale
  document.title = target.t('app.name')
  if (remember) safeStorage()?.setItem(STORAGE_KEY, locale)
}
