import type { preferencesEn } from './preferences.en'

/** Norsk bokmål for Innstillinger → Passordpolicy. Same keys as preferences.en.ts. */
export const preferencesNb: typeof preferencesEn = {
  entity: 'Passordpolicy',
  pagesLabel: 'Innstillingssider',
  passwordPolicy: {
    heading: 'Passordpolicy',
    intro: 'Reglene alle nye passord må følge: i oppstartsveiviseren, på brukerkortet og fra kommandolinjen.',
    isDefault: 'Ingen policy er lagret ennå: standarden gjelder (minst 8 tegn med et siffer og en bokstav).',
    lockoutHeading: 'Feil passord ved pålogging',
    example: 'Dette trenger et passord nå:'
  },
  fields: {
    MinTotal: 'Minste lengde',
    MinNum: 'Minste antall sifre',
    MinLC: 'Minste antall små bokstaver',
    MinUC: 'Minste antall store bokstaver',
    MinSpec: 'Minste antall spesialtegn',
    Msg: 'Egen melding (i stedet for den genererte)',
    lockoutAttempts: 'Sperr etter så mange feil passord (0 = aldri)',
    lockoutMinutes: 'Sperren varer (minutter)'
  },
  otherPages: 'De andre innstillingssidene er ikke tilgjengelige i denne versjonen.'
}
