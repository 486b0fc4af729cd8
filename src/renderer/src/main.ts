import { createApp } from 'vue'
import { createPinia } from 'pinia'
import App from './App.vue'
import { call } from './api/client'
import { applyLocale, createAppI18n, startupLocale, type Locale } from './i18n'
import './styles.css'

/** The machine-wide default language from main; none when there is no bridge or the call fails. */
async function machineLanguage(): Promise<Locale | null> {
  try {
    return (await call('app:info', {})).defaultLanguage
  } catch {
    return null
  }
}

// Asked before mounting, so the first screen is already in the right language (no flash of English).
void machineLanguage().then((language) => {
  const i18n = createAppI18n(startupLocale(language))
  // Keep <html lang> and the title in the start-up language; storage only records explicit choices.
  applyLocale(i18n.global, i18n.global.locale.value, false)
  createApp(App).use(createPinia()).use(i18n).mount('#app')
})
