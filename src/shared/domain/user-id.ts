/**
 * A User ID suggested from the name (the reference's initials style): first letter of each first
 * name part and the first three letters of the last name, upper case, ASCII where possible
 * ("Kari Nordmann" → "KNOR"). `taken` (compared case-insensitively) adds 2, 3, … until free.
 */
export function suggestUserId(firstName: string, lastName: string, taken: (candidate: string) => boolean = () => false): string {
  const fold = (s: string): string => s.normalize('NFKD').replace(/\p{M}/gu, '').replace(/[^\p{L}\p{N}]/gu, '')
  const initials = firstName.split(/\s+/).map((p) => fold(p).slice(0, 1)).join('')
  const base = (initials + fold(lastName).slice(0, 3)).toUpperCase() || 'USER'
  if (!taken(base)) return base
  for (let n = 2; n < 100_000; n++) if (!taken(`${base}${n}`)) return `${base}${n}`
  return `${base}${Date.now()}`
}
