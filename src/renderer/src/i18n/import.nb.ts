import type { importEn } from './import.en'

/** Norsk bokmål for Import-delen og eksporten fra Brukere (issue 10). Same keys as import.en.ts. */
export const importNb: typeof importEn = {
  usersHeading: 'Brukere fra CSV',
  usersIntro:
    'Opprett og oppdater medarbeidere fra en CSV-fil, for eksempel en som er lagret fra Excel. Radene kobles til eksisterende brukere med bruker-ID; en ny bruker-ID oppretter en bruker som kan logge på. Ingenting endres før du legger radene til som ventende endringer og lagrer dem i Brukere.',
  chooseFile: 'Velg CSV-fil …',
  chooseOther: 'Velg en annen fil …',
  reading: 'Leser filen …',
  fileLabel: 'Fil',
  fileFacts: 'ingen rader under overskriften | 1 rad | {n} rader',
  separators: { comma: 'kommaseparert', semicolon: 'semikolonseparert', tab: 'tabulatorseparert' },
  headerOnly: 'Filen har en overskriftsrad, men ingen rader under den.',
  mapping: {
    heading: 'Kolonner',
    intro: 'Velg hvilken kolonne i filen som fyller hvert felt. Felt som står på «Importeres ikke», beholdes som de er for eksisterende brukere.',
    tableLabel: 'Kolonnekobling',
    field: 'Felt',
    column: 'Kolonne i filen',
    examples: 'Eksempler fra filen',
    notImported: 'Importeres ikke',
    columnOption: 'Kolonne {n}: {header}',
    unnamedColumn: 'Kolonne {n}',
    required: 'påkrevd',
    needsUserId: 'Velg kolonnen som har bruker-ID: radene kobles til brukere med den.'
  },
  targets: {
    firstName: 'Fornavn',
    lastName: 'Etternavn',
    email: 'E-post',
    phone: 'Telefon',
    userId: 'Bruker-ID',
    company: 'Firma',
    role: 'Rolle',
    primaryGroup: 'Primærgruppe',
    otherGroups: 'Andre grupper',
    licences: 'Lisenser'
  },
  check: {
    heading: 'Kontroll',
    progressLabel: 'Kontrollerer radene',
    progress: 'Kontrollert {checked} av {total} rader …',
    done: 'Kontrollert alle {total} radene.',
    counts: { create: 'Nye brukere', update: 'Endrede brukere', unchanged: 'Uendret', error: 'Rader med feil' },
    noticesHeading: 'Lagring blir avvist med mindre du endrer dette:'
  },
  preview: {
    heading: 'Rader',
    filterLabel: 'Vis',
    filters: { all: 'Alle', error: 'Med feil', create: 'Nye', update: 'Endrede', unchanged: 'Uendrede' },
    tableLabel: 'Radene i filen',
    row: 'Rad',
    status: 'Status',
    problems: 'Feil',
    statuses: { create: 'Ny', update: 'Endret', unchanged: 'Uendret', error: 'Feil' },
    changedCell: 'endret',
    empty: 'Ingen rader å vise.',
    range: 'Rad {from}–{to} av {total}',
    previous: 'Forrige',
    next: 'Neste',
    pagesLabel: 'Sider med rader'
  },
  stage: {
    button: 'Legg til {n} brukere | Legg til 1 bruker | Legg til {n} brukere',
    staging: 'Legger til …',
    blocked: 'Rett radene med feil først (i filen, og velg den på nytt, eller i kolonnekoblingen). Ingenting legges til så lenge en rad har feil.',
    nothing: 'Alle brukerne i filen har allerede disse verdiene; det er ingenting å legge til.',
    hint: 'Radene blir én ventende endring i Brukere, der du ser over dem i Lagre-dialogen og lagrer – eller angrer hele importen i ett steg.'
  },
  export: {
    button: 'Eksporter …',
    title: 'Eksporter brukere til CSV',
    intro: 'Eksporterer de {n} brukerne listen viser nå (alle sider, i gjeldende rekkefølge), med kolonnene Import leser. | Eksporterer brukeren listen viser nå, med kolonnene Import leser. | Eksporterer de {n} brukerne listen viser nå (alle sider, i gjeldende rekkefølge), med kolonnene Import leser.',
    separatorLegend: 'Skilletegn',
    semicolon: 'Semikolon (;) – Excel med norske innstillinger',
    comma: 'Komma (,) – Excel med engelske innstillinger',
    confirm: 'Eksporter …',
    cancel: 'Avbryt',
    working: 'Eksporterer …',
    done: 'Eksporterte 1 bruker til {path}. | Eksporterte 1 bruker til {path}. | Eksporterte {n} brukere til {path}.',
    dismiss: 'Lukk'
  }
}
