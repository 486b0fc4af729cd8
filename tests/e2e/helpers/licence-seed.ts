import Database from 'better-sqlite3'

export interface SeedUser {
  userId: string
  firstName: string
  lastName: string
  /** Module names of the user licences to assign (the licences must be activated already). */
  licences: string[]
}

/**
 * Test set-up only: employees holding user licences, written straight into the site file until
 * the Users screen can assign licences. Returns the associate ids by user id.
 */
export function seedLicenceHolders(sitePath: string, users: readonly SeedUser[]): Map<string, number> {
  const db = new Database(sitePath)
  const now = new Date().toISOString()
  const ids = new Map<string, number>()
  try {
    db.pragma('foreign_keys = ON')
    db.transaction(() => {
      const company =
        (db.prepare('SELECT company_id FROM company ORDER BY company_id LIMIT 1').get() as { company_id: number } | undefined)?.company_id ??
        Number(db.prepare('INSERT INTO company (name, created_at, updated_at) VALUES (?, ?, ?)').run('E2E Testing AS', now, now).lastInsertRowid)
      const group =
        (db.prepare('SELECT user_group_id FROM user_group ORDER BY user_group_id LIMIT 1').get() as { user_group_id: number } | undefined)?.user_group_id ??
        Number(db.prepare('INSERT INTO user_group (name, created_at, updated_at) VALUES (?, ?, ?)').run('Staff', now, now).lastInsertRowid)
      const licenceId = db.prepare('SELECT licence_id FROM licence WHERE module_name = ?')
      for (const user of users) {
        const person = db
          .prepare('INSERT INTO person (company_id, first_name, last_name, created_at, updated_at) VALUES (?, ?, ?, ?, ?)')
          .run(company, user.firstName, user.lastName, now, now).lastInsertRowid
        const associate = Number(
          db
            .prepare("INSERT INTO associate (user_id, user_type, person_id, primary_group_id, created_at, updated_at) VALUES (?, 'employee', ?, ?, ?, ?)")
            .run(user.userId, person, group, now, now).lastInsertRowid
        )
        ids.set(user.userId, associate)
        for (const moduleName of user.licences) {
          const licence = licenceId.get(moduleName) as { licence_id: number } | undefined
          if (!licence) throw new Error(`No activated licence "${moduleName}" to assign.`)
          db.prepare('INSERT INTO licence_assignment (licence_id, associate_id, assigned_at) VALUES (?, ?, ?)').run(licence.licence_id, associate, now)
        }
      }
    })()
  } finally {
    db.close()
  }
  return ids
}
