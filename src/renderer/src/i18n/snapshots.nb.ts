import type { snapshotsEn } from './snapshots.en'

/** Norwegian (bokmål) messages of the Snapshots dialog; nb.ts mounts them under `snapshots`. */
export const snapshotsNb: typeof snapshotsEn = {
  open: 'Øyeblikksbilder…',
  title: 'Øyeblikksbilder',
  intro: 'Et øyeblikksbilde er en fullstendig kopi av nettstedet, lagret ved siden av nettstedsfilen. Et tas automatisk før hver databaseoppgradering og lisensaktivering.',
  loading: 'Leser øyeblikksbildene…',
  none: 'Dette nettstedet har ingen øyeblikksbilder ennå.',
  tableLabel: 'Øyeblikksbilder av dette nettstedet',
  select: 'Velg',
  selectRow: 'Velg øyeblikksbildet fra {date}',
  taken: 'Tatt',
  reason: 'Årsak',
  size: 'Størrelse',
  reasons: {
    manual: 'Tatt manuelt',
    'before-migration': 'Før en databaseoppgradering',
    'before-licence-activation': 'Før en lisensaktivering',
    'before-provisioning': 'Før smadmin apply (klargjøringsfil)'
  },
  take: 'Ta øyeblikksbilde',
  compareLive: 'Sammenlign med nettstedet nå',
  compareTwo: 'Sammenlign to valgte',
  restore: 'Gjenopprett til en ny fil…',
  close: 'Lukk',
  hint: 'Velg ett øyeblikksbilde for å sammenligne det med nettstedet nå eller gjenopprette det; velg to for å sammenligne dem.',
  takenNotice: 'Øyeblikksbilde tatt: {name}',
  restoredNotice: 'Øyeblikksbildet ble gjenopprettet til {path}. Det åpne nettstedet ble ikke endret; åpne den nye filen med Fil → Bytt nettsted….',
  reportHeading: 'Endringer fra {a} til {b}',
  live: 'nettstedet nå',
  noDifferences: 'Ingen forskjeller i brukere, grupper, roller, rettigheter, lisenser eller tildelinger.',
  notCompared: 'Ikke sammenlignet: {reason}',
  added: 'Lagt til',
  removed: 'Fjernet',
  changed: 'Endret',
  fieldChange: '{field}: {old} → {new}',
  empty: '(tom)',
  sections: {
    users: 'Brukere',
    groups: 'Brukergrupper',
    groupMembers: 'Gruppemedlemskap (sekundære grupper)',
    roles: 'Roller',
    dataRights: 'Datarettigheter',
    functionalRights: 'Funksjonsrettigheter',
    licenceOwners: 'Lisenseiere',
    licences: 'Lisenser',
    assignments: 'Lisenstildelinger'
  }
}
