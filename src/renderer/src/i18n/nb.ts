import type { MessageSchema } from './en'
import { rolesNb } from './roles.nb'
import { usersTabsNb } from './users-tabs.nb'
import { usersNb } from './users.nb'
import { importNb } from './import.nb'
import { licencesNb } from './licences.nb'
import { snapshotsNb } from './snapshots.nb'
import { authNb } from './auth.nb'
import { preferencesNb } from './preferences.nb'

/** Norsk bokmål. Same keys as en.ts. */
export const nb: MessageSchema = {
  app: {
    name: 'Innstillinger og vedlikehold',
    sitePath: 'Områdefil',
    noSite: 'Ingen område åpent',
    language: 'Språk',
    loading: 'Laster …'
  },
  languages: { en: 'English', nb: 'Norsk bokmål' },
  nav: {
    label: 'Navigator',
    needsLicence: 'Krever lisensen {licence}',
    opensInBrowser: 'Åpnes i nettleseren'
  },
  licenceNames: {
    'sales-intelligence': 'Sales Intelligence',
    'customer-centre': 'Customer Centre',
    quote: 'Sales Quote Management',
    'expander-services': 'SuperOffice Expander Services'
  },
  sections: {
    licences: { name: 'Lisenser', about: 'Lisenser administrerer lisenseierne, lisensene deres med totalt, brukt og ledig antall, og aktivering av nye lisenser.' },
    users: { name: 'Brukere', about: 'Brukere administrerer medarbeidere, andre brukere, våre firmaer, brukerlisenser og brukergrupper: ID-er, passord, roller og påloggingsrettigheter.' },
    roles: { name: 'Roller', about: 'Roller administrerer datarettighetene og funksjonsrettighetene som gir brukerne tilgangsnivået deres.' },
    privacy: { name: 'Personvern', about: 'Personvern administrerer innstillingene for personvern og samtykke (GDPR).' },
    saint: { name: 'Statusovervåking', about: 'Statusovervåking administrerer Sales Intelligence-statusovervåkerne (SAINT) for firmaer og prosjekter.' },
    aiServices: { name: 'AI-tjenester', about: 'AI-tjenester administrerer tekstanalyse, sentiment og kategorisering.' },
    lists: { name: 'Lister', about: 'Lister administrerer listetabellene, som kategorier, bransjer og brukergrupper, og hvilke grupper som ser dem og overskriftene deres.' },
    quoteSync: { name: 'Tilbud/synk', about: 'Tilbud/synk administrerer ERP-koblinger, prislister og produkter.' },
    workflow: { name: 'Arbeidsflyt', about: 'Arbeidsflyt administrerer salgsguider og prosjektguider.' },
    screenDesigner: { name: 'Skjermdesigner', about: 'Skjermdesigner administrerer egne skjermbilder per brukergruppe.' },
    preferences: { name: 'Preferanser', about: 'Preferanser administrerer standardinnstillinger for systemet, grupper og brukere, videomøter og dokumentbiblioteket.' },
    chat: { name: 'Chat', about: 'Chat administrerer chattekanalene i Service.' },
    options: { name: 'Alternativer', about: 'Alternativer administrerer innstillinger for hele systemet: fritekstsøk, tidssoner, nummertildeling, etiketter og rapporter.' },
    import: { name: 'Import', about: 'Import henter data inn i databasen.' },
    fields: { name: 'Felter', about: 'Felter administrerer brukerdefinerte felter, ekstrafelter og ekstratabeller.' },
    crmScript: { name: 'CRMScript', about: 'CRMScript administrerer makroer, hendelsesbehandlere og planlagte oppgaver i Service.' },
    requests: { name: 'Forespørsler', about: 'Forespørsler administrerer innstillingene for forespørsler i Service.' },
    customerCentre: { name: 'Kundesenter', about: 'Kundesenter administrerer innholdet og utseendet til kundesenteret i Service.' },
    systemDesign: { name: 'Systemdesign', about: 'Systemdesign administrerer de avanserte innstillingene i Service.' },
    appStore: { name: 'App Store', about: 'App Store åpner appbutikken på nettet.' }
  },
  unavailable: {
    notInThisVersion: 'Denne delen er ikke tilgjengelig i denne versjonen.'
  },
  alerts: {
    label: 'Meldinger',
    dismiss: 'Lukk'
  },
  notices: {
    restored: 'Ulagrede endringer fra en tidligere økt ble gjenopprettet.',
    dismiss: 'Lukk merknaden'
  },
  changes: {
    barLabel: 'Ventende endringer',
    pending: 'Ingen ventende endringer | 1 ventende endring | {n} ventende endringer',
    undo: 'Angre',
    redo: 'Gjør om',
    cancel: 'Avbryt',
    save: 'Lagre',
    back: 'Tilbake',
    saveTitle: 'Lagre endringer',
    saveIntro: 'Disse endringene lagres samlet:',
    loadingPreview: 'Henter endringene …',
    nothingToShow: 'Det er ingen endringer å lagre.',
    confirm: 'Bekreft',
    saveRefused: 'Endringene ble ikke lagret:',
    actions: { create: 'Ny', update: 'Endret' },
    affectedUsers: 'Berører ingen brukere | Berører 1 bruker | Berører {n} brukere',
    to: 'til',
    noValue: '(tom)',
    unnamed: '(uten navn)',
    cancelTitle: 'Forkast endringer',
    cancelQuestion: 'Forkaste alle {n} endringene? | Forkaste den ene endringen? | Forkaste alle {n} endringene?',
    discard: 'Forkast',
    leaveTitle: 'Ulagrede endringer',
    leaveQuestion: '{screen} har ulagrede endringer. Vil du lagre dem før du går videre?',
    stay: 'Bli',
    yes: 'Ja',
    no: 'Nei'
  },
  entities: { userGroup: 'Brukergruppe', role: rolesNb.entity, ...usersTabsNb.entities, associate: usersNb.entity, passwordPolicy: preferencesNb.entity },
  fields: {
    userGroup: { name: 'Navn', tooltip: 'Verktøytips', rank: 'Rangering', deleted: 'Slettet' },
    role: rolesNb.fields,
    ...usersTabsNb.fields,
    associate: usersNb.fields,
    passwordPolicy: preferencesNb.fields
  },
  licences: licencesNb,
  snapshots: snapshotsNb,
  lists: {
    tablesHeading: 'Listetabeller',
    tablesLabel: 'Listetabeller',
    otherTables: 'De andre listetabellene er ikke tilgjengelige i denne versjonen.',
    userGroups: {
      heading: 'Brukergrupper',
      add: 'Legg til brukergruppe',
      empty: 'Det finnes ingen brukergrupper ennå.',
      tableLabel: 'Brukergrupper',
      status: 'Status',
      statusNew: 'Ny',
      statusChanged: 'Endret',
      changedField: '(endret)',
      selectHint: 'Velg en brukergruppe for å redigere den.',
      editHeading: 'Rediger brukergruppe',
      restore: 'Gjenopprett',
      errors: {
        rankWhole: 'Rangeringen må være et heltall.',
        rankRange: 'Rangeringen må være mellom 0 og {max}.',
        nameTooLong: 'Et navn kan ha høyst {max} tegn.',
        tooltipTooLong: 'Et verktøytips kan ha høyst {max} tegn.'
      }
    }
  },
  roles: rolesNb,
  usersTabs: usersTabsNb,
  users: usersNb,
  auth: authNb,
  preferences: preferencesNb,
  import: importNb
}
