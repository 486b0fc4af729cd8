/** Dates and sizes as the Licences screen shows them, in the app's language. */

/** A calendar date (YYYY-MM-DD): licence dates are whole UTC days, so format them in UTC. */
export function formatDay(day: string, locale: string): string {
  const date = new Date(`${day}T00:00:00Z`)
  if (Number.isNaN(date.getTime())) return day
  return new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(date)
}

/** An instant (ISO timestamp) in the user's time zone. */
export function formatInstant(iso: string, locale: string): string {
  const date = new Date(iso)
  if (Number.isNaN(date.getTime())) return iso
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(date)
}

/** A file size in kB or MB. */
export function formatBytes(bytes: number, locale: string): string {
  const megabytes = bytes >= 1_000_000
  return new Intl.NumberFormat(locale, { style: 'unit', unit: megabytes ? 'megabyte' : 'kilobyte', maximumFractionDigits: 1 }).format(
    megabytes ? bytes / 1_000_000 : bytes / 1000
  )
}
