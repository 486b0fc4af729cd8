import type { RolesMessages } from './roles.en'

/** Skjermbildet Roller på norsk bokmål. Samme nøkler som roles.en.ts. */
export const rolesNb: RolesMessages = {
  entity: 'Rolle',
  fields: {
    name: 'Rollenavn',
    description: 'Beskrivelse',
    rank: 'Rangering',
    roleType: 'Rolletype',
    copyFrom: 'Kopier rettigheter fra',
    deleted: 'Slettet',
    reassignTo: 'Tilordne brukerne til'
  },
  tabsLabel: 'Rolletyper',
  tabs: { employee: 'Medarbeidere', external: 'Eksterne', anonymous: 'Anonyme' },
  types: { employee: 'Medarbeider', external: 'Ekstern', anonymous: 'Anonym', system: 'System' },
  list: {
    heading: 'Roller',
    tableLabel: 'Roller',
    name: 'Navn',
    users: 'Brukere',
    status: 'Status',
    empty: 'Det finnes ingen roller av denne typen.',
    add: 'Legg til rolle',
    edit: 'Rediger rolle',
    delete: 'Slett rolle',
    restore: 'Gjenopprett rolle',
    statusNew: 'Ny',
    statusChanged: 'Endret',
    statusDeleted: 'Slettes',
    readOnly: 'Låst',
    anonymousNote: 'Det finnes nøyaktig én anonym rolle. Den har bare datarettigheter og kan ikke legges til eller slettes.',
    doubleClickHint: 'Dobbeltklikk en rolle, eller bruk Rediger rolle, for å gi den nytt navn.'
  },
  deleteBlocked: {
    system: 'Rollen Systembruker kan ikke slettes.',
    userLevel0: 'Brukernivå 0 kan ikke slettes.',
    lastOfType: 'Dette er den eneste rollen av denne typen; hver type trenger én.',
    pending: 'Denne rollen er allerede merket for sletting.'
  },
  detail: {
    tabsLabel: 'Rettighetene til {role}',
    dataRights: 'Datarettigheter',
    functionalRights: 'Funksjonsrettigheter',
    selectHint: 'Velg en rolle for å se rettighetene.',
    systemNote: 'Rollen Systembruker brukes av integrasjoner og bakgrunnstjenester. Den omgår sikkerheten, så rettighetene vises bare til orientering og kan ikke endres.',
    deletedNote: 'Denne rollen slettes når du lagrer. Gjenopprett den for å redigere rettighetene.',
    newNote: 'Ny rolle: rettighetene kopieres fra {role} til du endrer dem.',
    newBlankNote: 'Ny rolle: den starter uten rettigheter.'
  },
  dialog: {
    addTitle: 'Opprett ny rolle',
    editTitle: 'Rediger rolle',
    name: 'Rollenavn',
    description: 'Beskrivelse',
    rights: 'Rettigheter',
    copyFrom: 'Kopier rettigheter fra',
    blank: 'Start uten rettigheter',
    source: 'Rolle å kopiere fra',
    ok: 'OK',
    cancel: 'Avbryt',
    nameRequired: 'Skriv inn et rollenavn.',
    nameTooLong: 'Et rollenavn kan ha høyst {max} tegn.',
    nameTaken: 'Det finnes allerede en rolle av denne typen som heter «{name}».',
    descriptionTooLong: 'En beskrivelse kan ha høyst {max} tegn.',
    deleteTitle: 'Slett rolle',
    deleteIntro: 'Slette rollen «{role}»? Den fjernes når du lagrer endringene.',
    holders: 'Ingen brukere har denne rollen. | 1 bruker har denne rollen. | {n} brukere har denne rollen.',
    assignTo: 'Tilordne alle brukere med denne rollen til',
    noTarget: 'Det finnes ingen annen rolle av denne typen å tilordne brukerne til.',
    delete: 'Slett'
  },
  matrix: {
    label: 'Datarettighetene til {role}',
    dataObject: 'Dataobjekt',
    ownedBy: 'Data eid av',
    keyboardHelp: 'Pil opp og ned endrer nivået. Pil venstre og høyre, eller Ctrl med en piltast, flytter mellom cellene; Ctrl+Home og Ctrl+End går til første og siste celle.',
    cellLabel: '{object}, {relation}',
    changed: 'Endret, ikke lagret',
    setTo: 'Nivå for hele raden eller kolonnen',
    applyRow: 'Sett raden «{object}»',
    applyColumn: 'Sett kolonnen «{relation}»',
    legend: 'Nivåer: Ingen, Lese, Opprette (lese og opprette), Oppdatere (opprette og oppdatere), Slette (alt). Hvert nivå omfatter nivåene før det.'
  },
  levels: { none: 'Ingen', read: 'Lese', create: 'Opprette', update: 'Oppdatere', delete: 'Slette' },
  objects: {
    company: 'Firma',
    contact: 'Kontakt',
    project: 'Prosjekt',
    project_member: 'Prosjektmedlem',
    selection: 'Utvalg',
    sale: 'Salg',
    follow_up: 'Oppfølging',
    document: 'Dokument',
    relation: 'Relasjon',
    stakeholder: 'Interessent',
    dashboard: 'Dashbord'
  },
  relations: {
    own: 'Mine egne',
    primary_group: 'Primærgruppe',
    other_groups: 'Andre grupper',
    other_associates: 'Andre medarbeidere',
    external: 'Ekstern bruker',
    anonymous: 'Anonym',
    my_company: 'Mitt firma',
    same_project: 'Samme prosjekt'
  },
  relationHelp: {
    own: 'Poster brukeren selv eier.',
    primary_group: 'Poster eid av medlemmer av brukerens primærgruppe.',
    other_groups: 'Poster eid av grupper brukeren er sekundærmedlem av.',
    other_associates: 'Poster eid av medarbeidere utenfor brukerens grupper.',
    external: 'Poster eid av eksterne brukere.',
    anonymous: 'Poster eid av anonyme brukere (sendt inn fra webskjemaer).',
    my_company: 'Poster som hører til den eksterne brukerens eget firma.',
    same_project: 'Poster i prosjekter den eksterne brukeren er medlem av.'
  },
  functional: {
    cannot: 'Denne rollen kan ikke',
    can: 'Denne rollen kan',
    search: 'Søk i rettigheter',
    grant: 'Flytt til «Denne rollen kan»',
    revoke: 'Flytt til «Denne rollen kan ikke»',
    keyboardHelp: 'Velg rettigheter med mellomrom, Shift+piltast eller Ctrl+A; Enter eller pilknappene flytter dem til den andre listen.',
    needsLicence: 'Krever lisensen {licence}, som området mangler',
    changed: 'Endret',
    noMatch: 'Ingen rettigheter passer til søket.',
    none: 'Ingen rettigheter.',
    readOnly: 'Rettighetene til denne rollen kan ikke endres.'
  },
  diff: {
    dataRight: 'Datarettigheter: {object} / {relation}',
    functionalRight: 'Funksjonsrettighet: {right}',
    granted: 'kan',
    notGranted: 'kan ikke'
  }
}
