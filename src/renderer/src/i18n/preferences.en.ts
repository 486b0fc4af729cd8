/** English messages of Preferences → Password policy (SPEC §3.4); preferences.nb.ts has the same shape. */
export const preferencesEn = {
  entity: 'Password policy',
  pagesLabel: 'Preferences pages',
  passwordPolicy: {
    heading: 'Password policy',
    intro: 'The rules every new password must meet: in the set-up wizard, on the user card and from the command line.',
    isDefault: 'No policy has been saved yet: the built-in default applies (at least 8 characters with a digit and a letter).',
    lockoutHeading: 'Wrong passwords at sign-in',
    example: 'What a password needs now:'
  },
  fields: {
    MinTotal: 'Minimum length',
    MinNum: 'Minimum digits',
    MinLC: 'Minimum lower-case letters',
    MinUC: 'Minimum upper-case letters',
    MinSpec: 'Minimum special characters',
    Msg: 'Custom message (instead of the generated one)',
    lockoutAttempts: 'Lock out after this many wrong passwords (0 = never)',
    lockoutMinutes: 'Lock-out lasts (minutes)'
  },
  otherPages: 'The other preference pages are not available in this version.'
}
