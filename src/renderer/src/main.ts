import { createApp } from 'vue'
import { createPinia } from 'pinia'
import App from './App.vue'
import { applyLocale, createAppI18n } from './i18n'
import './styles.css'

const i18n = createAppI18n()
// Keep <html lang> and the title in the start-up language; storage only records explicit choices.
applyLocale(i18n.global, i18n.global.locale.value, false)

createApp(App).use(createPinia()).use(i18n).mount('#app')
