/**
 * The interface languages the app ships catalogues for (src/renderer/src/i18n). Shared so main can
 * validate a machine-wide default language without importing renderer code.
 */
export const LANGUAGES = ['en', 'nb'] as const
export type Language = (typeof LANGUAGES)[number]
